/// The compact binary form the results cache stores values in: lengths and integers as
/// LEB128 varints (signed ones zigzagged), strings as length + UTF-8. Decoding a warm
/// project's results is most of what a warm run does, and a JSON decoder spends many times
/// longer on the same data. The stored form is only ever read by the build that wrote it
/// (the cache is keyed by the tool's hash), so it carries no field names or versions.
public protocol CacheCodable {
    func write(to writer: inout CacheWriter)
    init(from reader: inout CacheReader) throws(CacheReader.Damaged)
}

public struct CacheWriter {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func unsigned(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    public mutating func int(_ value: Int) { int64(Int64(value)) }

    public mutating func int64(_ value: Int64) { unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }

    public mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    public mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            unsigned(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    public mutating func raw(_ value: [UInt8]) { bytes.append(contentsOf: value) }

    public mutating func blob(_ value: some Collection<UInt8>) {
        unsigned(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    public mutating func optional<T>(_ value: T?, _ write: (inout CacheWriter, T) -> Void) {
        bool(value != nil)
        if let value { write(&self, value) }
    }

    public mutating func array<T>(_ values: [T], _ write: (inout CacheWriter, T) -> Void) {
        unsigned(UInt64(values.count))
        for value in values { write(&self, value) }
    }

    public mutating func strings(_ values: [String]) { array(values) { $0.string($1) } }

    public mutating func value<T: CacheCodable>(_ value: T) { value.write(to: &self) }

    public mutating func values<T: CacheCodable>(_ values: [T]) { array(values) { $1.write(to: &$0) } }
}

/// Reads what `CacheWriter` wrote; anything out of place throws `Damaged`, which a cache
/// takes as a miss.
public struct CacheReader {
    public struct Damaged: Error {
        public init() {}
    }

    /// Indexed as the array it was cut from: offsets count from that array's start.
    private let bytes: ArraySlice<UInt8>
    public private(set) var offset: Int
    private let end: Int

    public init(_ bytes: [UInt8], range: Range<Int>? = nil) {
        self.init(bytes[range ?? bytes.indices])
    }

    /// Over a slice, which shares the storage of the array it was cut from (a whole cache file).
    public init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        offset = bytes.startIndex
        end = bytes.endIndex
    }

    public var atEnd: Bool { offset == end }

    public mutating func unsigned() throws(Damaged) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < end, shift < 64 else { throw Damaged() }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    public mutating func int64() throws(Damaged) -> Int64 {
        let raw = try unsigned()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    public mutating func int() throws(Damaged) -> Int {
        let value = try int64()
        guard let fitting = Int(exactly: value) else { throw Damaged() }
        return fitting
    }

    /// A count or length, which cannot exceed the bytes left.
    public mutating func count() throws(Damaged) -> Int {
        let value = try unsigned()
        guard value <= UInt64(end - offset) else { throw Damaged() }
        return Int(value)
    }

    public mutating func bool() throws(Damaged) -> Bool {
        guard offset < end, bytes[offset] <= 1 else { throw Damaged() }
        offset += 1
        return bytes[offset - 1] == 1
    }

    public mutating func string() throws(Damaged) -> String {
        let length = try count()
        defer { offset += length }
        let start = offset - bytes.startIndex
        // Through a buffer pointer: the generic validation of a slice is several times slower.
        let text = bytes.withUnsafeBufferPointer { buffer in
            String(validating: UnsafeBufferPointer(rebasing: buffer[start..<(start + length)]), as: UTF8.self)
        }
        guard let text else { throw Damaged() }
        return text
    }

    public mutating func raw(_ length: Int) throws(Damaged) -> [UInt8] {
        guard length >= 0, end - offset >= length else { throw Damaged() }
        defer { offset += length }
        return Array(bytes[offset..<(offset + length)])
    }

    /// Where a length-prefixed blob lies, without copying it.
    public mutating func blobRange() throws(Damaged) -> Range<Int> {
        let length = try count()
        defer { offset += length }
        return offset..<(offset + length)
    }

    public mutating func optional<T>(_ read: (inout CacheReader) throws(Damaged) -> T) throws(Damaged) -> T? {
        try bool() ? try read(&self) : nil
    }

    public mutating func array<T>(_ read: (inout CacheReader) throws(Damaged) -> T) throws(Damaged) -> [T] {
        let total = try count()
        var values: [T] = []
        values.reserveCapacity(total)
        for _ in 0..<total { values.append(try read(&self)) }
        return values
    }

    public mutating func strings() throws(Damaged) -> [String] { try array { reader throws(Damaged) in try reader.string() } }

    public mutating func value<T: CacheCodable>(_ type: T.Type = T.self) throws(Damaged) -> T { try T(from: &self) }

    public mutating func values<T: CacheCodable>(_ type: T.Type = T.self) throws(Damaged) -> [T] {
        try array { reader throws(Damaged) in try T(from: &reader) }
    }
}

extension String: CacheCodable {
    public func write(to writer: inout CacheWriter) { writer.string(self) }
    public init(from reader: inout CacheReader) throws(CacheReader.Damaged) { self = try reader.string() }
}

extension SourcePosition: CacheCodable {
    public func write(to writer: inout CacheWriter) {
        writer.int(line)
        writer.int(column)
    }

    public init(from reader: inout CacheReader) throws(CacheReader.Damaged) {
        self.init(line: try reader.int(), column: try reader.int())
    }
}

import Foundation

enum JSONOutput {
    /// Pretty, key-sorted JSON: stable across runs, so it can be diffed and snapshotted.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func encode<T: Encodable>(_ value: T) -> String {
        guard let data = try? encoder().encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// `value` as `encode` writes a string: quoted as is when it is printable ASCII without a
    /// quote or backslash, else as the encoder escapes it.
    static func appendString(_ value: String, to out: inout [UInt8]) {
        var value = value
        let plain = value.withUTF8 { bytes -> Bool in
            for byte in bytes where byte < 0x20 || byte >= 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return false }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: bytes)
            out.append(UInt8(ascii: "\""))
            return true
        }
        if plain { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        out += (try? encoder.encode(value)) ?? Data("\"\"".utf8)
    }

    /// The text `encode` gives, handed to `sink` in pieces of about a megabyte: each
    /// `StreamedArray` in `value` is made and encoded one element at a time, so a report
    /// of 40,000 findings is never held whole, neither as text nor as the encoder's tree.
    static func write<T: Encodable>(_ value: T, to sink: (String) throws -> Void) throws {
        let streams = StreamRegistry()
        let skeletonEncoder = encoder()
        skeletonEncoder.userInfo[StreamRegistry.key] = streams
        let skeleton = String(decoding: try skeletonEncoder.encode(value), as: UTF8.self) + "\n"
        let elementEncoder = encoder()
        var pending = ""
        func emit(_ text: String) throws {
            pending += text
            if pending.utf8.count >= 1 << 20 {
                try sink(pending)
                pending = ""
            }
        }
        // Each marker stands where its array goes, as `"marker"` on a line indented as the array's
        // key; in text order (the encoder meets values in declaration order, then sorts keys).
        let placed = streams.streams.compactMap { stream in skeleton.range(of: "\"\(stream.marker)\"").map { (stream, $0) } }
            .sorted { $0.1.lowerBound < $1.1.lowerBound }
        var rest = skeleton[...]
        for (stream, marker) in placed {
            let lineStart = rest[..<marker.lowerBound].lastIndex(of: "\n").map { rest.index(after: $0) } ?? rest.startIndex
            let indent = String(repeating: " ", count: rest[lineStart...].prefix { $0 == " " }.count)
            let elementIndent = indent + "  "
            try emit(String(rest[..<marker.lowerBound]) + "[\n")
            for index in 0..<stream.count {
                let element = String(decoding: try stream.encodeElement(index, elementEncoder), as: UTF8.self)
                // As the encoder indents nested lines; the empty line inside `[` `]` stays empty.
                let indented = element.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { $0.isEmpty ? "" : elementIndent + $0 }.joined(separator: "\n")
                try emit(index + 1 < stream.count ? indented + ",\n" : indented)
            }
            try emit("\n" + indent + "]")
            rest = rest[marker.upperBound...]
        }
        try emit(String(rest))
        if !pending.isEmpty { try sink(pending) }
    }
}

/// An array of a document that `JSONOutput.write` streams: its elements are made on demand
/// (`element`), one at a time. Encoded any other way it is a plain array.
struct StreamedArray<Element: Encodable>: Encodable {
    let count: Int
    let element: (Int) -> Element

    init(count: Int, element: @escaping (Int) -> Element) {
        self.count = count
        self.element = element
    }

    init(_ elements: [Element]) {
        self.init(count: elements.count) { elements[$0] }
    }

    func encode(to encoder: Encoder) throws {
        if let streams = encoder.userInfo[StreamRegistry.key] as? StreamRegistry {
            var container = encoder.singleValueContainer()
            try container.encode(streams.register(count: count) { index, encoder in try encoder.encode(element(index)) })
        } else {
            var container = encoder.unkeyedContainer()
            for index in 0..<count { try container.encode(element(index)) }
        }
    }
}

/// The streamed arrays met while encoding a document's skeleton.
final class StreamRegistry: @unchecked Sendable {
    static let key = CodingUserInfoKey(rawValue: "prisma-codemod.streamed-arrays")!  // a constant, valid key

    struct Stream {
        var marker: String
        var count: Int
        var encodeElement: (Int, JSONEncoder) throws -> Data
    }

    private(set) var streams: [Stream] = []
    /// Unique to this document, so no text in it is taken for a marker.
    private let nonce = UUID().uuidString

    func register(count: Int, encodeElement: @escaping (Int, JSONEncoder) throws -> Data) -> String {
        let marker = "@stream-\(streams.count)-\(nonce)@"
        streams.append(Stream(marker: marker, count: count, encodeElement: encodeElement))
        return marker
    }
}

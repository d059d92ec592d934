import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a source file once and rejects what is not UTF-8 text.
public enum SourceLoader {
    public static func load(_ url: URL, displayPath: String) -> Result<[UInt8], CodemodError> {
        var info = stat()
        if lstat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK { return .failure(.symlink(path: displayPath)) }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
            return .failure(.unreadable(path: displayPath, reason: reason))
        }
        let bytes = [UInt8](data)
        if bytes.contains(0) { return .failure(.binary(path: displayPath)) }
        if String(validating: bytes, as: UTF8.self) == nil { return .failure(.notUTF8(path: displayPath)) }
        return .success(bytes)
    }
}

/// A file's bytes, read straight into an array (no `Data` in between to copy from).
public enum FileBytes {
    /// Nil when the file cannot be opened or read.
    public static func read(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        var failed = false
        // The size is a first guess: a file that grows while it is read is read to its end.
        var bytes = [UInt8](unsafeUninitializedCapacity: max(Int(info.st_size), 0)) { buffer, count in
            count = 0
            guard let base = buffer.baseAddress else { return }
            while count < buffer.count {
                let result = Glibc.read(descriptor, base + count, buffer.count - count)
                if result < 0, errno == EINTR { continue }
                if result <= 0 {
                    failed = result < 0
                    return
                }
                count += result
            }
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while !failed {
            let result = chunk.withUnsafeMutableBytes { buffer in Glibc.read(descriptor, buffer.baseAddress, buffer.count) }
            if result < 0, errno == EINTR { continue }
            if result <= 0 {
                failed = result < 0
                break
            }
            bytes += chunk[..<result]
        }
        return failed ? nil : bytes
    }
}

/// Byte search for the cheap text tests that decide which files to parse: over the bytes,
/// without building a `String` (Foundation's string search dominates otherwise).
public enum ByteSearch {
    /// A byte of a JavaScript identifier in ASCII: letters, digits, `_` and `$`.
    public static func isIdentifierByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
    }

    /// ASCII white space: space, tab, line feed, vertical tab, form feed, carriage return.
    public static func isWhiteSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    public static func contains(_ bytes: [UInt8], _ needle: String) -> Bool {
        firstOffset(of: needle, in: bytes) != nil
    }

    /// `contains` over part of a file (a node's text), without copying it.
    public static func contains(_ bytes: ArraySlice<UInt8>, _ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        return bytes.withUnsafeBufferPointer { haystack in firstOffset(of: pattern, in: haystack, from: 0) != nil }
    }

    /// Whether `word` occurs with no ASCII identifier byte right before or after it: `db` in
    /// `db.user` or `(db)`, not in `dbUrl`. A byte above ASCII counts as a boundary, so this
    /// finds every identifier `word` (and a few more).
    public static func containsWord(_ bytes: ArraySlice<UInt8>, _ word: String) -> Bool {
        let pattern = Array(word.utf8)
        return bytes.withUnsafeBufferPointer { haystack in
            var from = 0
            while let offset = firstOffset(of: pattern, in: haystack, from: from) {
                let end = offset + pattern.count
                if (offset == 0 || !isIdentifierByte(haystack[offset - 1])) && (end == haystack.count || !isIdentifierByte(haystack[end])) {
                    return true
                }
                from = offset + 1
            }
            return false
        }
    }

    /// `contains` with ASCII letters of either case equal; `needle` is lowercase ASCII.
    public static func containsIgnoringASCIICase(_ bytes: ArraySlice<UInt8>, _ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return true }
        return bytes.withUnsafeBufferPointer { haystack in
            guard haystack.count >= pattern.count else { return false }
            for start in 0...(haystack.count - pattern.count) where haystack[start] | 0x20 == first {
                var matched = 1
                while matched < pattern.count, Self.lowercased(haystack[start + matched]) == pattern[matched] { matched += 1 }
                if matched == pattern.count { return true }
            }
            return false
        }
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    /// Where `needle` first occurs at or after `start`.
    public static func firstOffset(of needle: String, in bytes: [UInt8], from start: Int = 0) -> Int? {
        let pattern = Array(needle.utf8)
        return bytes.withUnsafeBufferPointer { haystack in firstOffset(of: pattern, in: haystack, from: start) }
    }

    /// Where `needle` first occurs in `bytes` at or after the index `start` (an index of the slice).
    public static func firstOffset(of needle: [UInt8], in bytes: ArraySlice<UInt8>, from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { haystack in
            firstOffset(of: needle, in: haystack, from: start - bytes.startIndex).map { $0 + bytes.startIndex }
        }
    }

    private static func firstOffset(of pattern: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard !pattern.isEmpty else { return min(start, haystack.count) }
        guard start >= 0, haystack.count - start >= pattern.count else { return nil }
        return pattern.withUnsafeBufferPointer { wanted in
            guard let base = haystack.baseAddress, let first = wanted.first, let wantedBase = wanted.baseAddress else { return nil }
            var offset = start
            let last = haystack.count - wanted.count
            while offset <= last {
                // memchr finds the first byte; memcmp checks the rest.
                guard let hit = memchr(base + offset, Int32(first), last - offset + 1) else { return nil }
                let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + position, wantedBase, wanted.count) == 0 { return position }
                offset = position + 1
            }
            return nil
        }
    }
}

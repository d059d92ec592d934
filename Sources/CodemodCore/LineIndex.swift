import SyntaxTree

/// Byte offsets of line starts, for offset ⇄ line:column and whole-line edits.
public struct LineIndex: Sendable {
    public let bytes: [UInt8]
    /// Offsets where each line begins; the first is 0.
    public let lineStarts: [Int]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        lineStarts = starts
    }

    /// Zero-based line of a byte offset.
    public func line(of offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// Zero-based row and column of an offset, the column counted in Unicode code points
    /// as editors, SARIF and people count it (UTF-8 continuation bytes do not count).
    public func point(of offset: Int) -> Point {
        let row = line(of: offset)
        let column = bytes[lineStarts[row]..<min(offset, bytes.count)].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return Point(row: row, column: column)
    }

    /// The offset where the line holding `offset` starts.
    public func lineStart(of offset: Int) -> Int { lineStarts[line(of: offset)] }

    /// The offset of the line terminator (`\n` or `\r\n`) ending the line holding `offset`,
    /// or the end of the text on a last line without one.
    public func lineContentEnd(of offset: Int) -> Int {
        var end = offset
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        if end > lineStart(of: offset), end <= bytes.count, end > 0, bytes[end - 1] == UInt8(ascii: "\r") {
            return end - 1
        }
        return end
    }

    /// The offset just past the line terminator of the line holding `offset`.
    public func lineEnd(of offset: Int) -> Int {
        var end = offset
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        return min(end + 1, bytes.count)
    }

    /// The leading spaces and tabs of the line holding `offset`.
    public func indentation(of offset: Int) -> String {
        var end = lineStart(of: offset)
        while end < bytes.count, bytes[end] == UInt8(ascii: " ") || bytes[end] == UInt8(ascii: "\t") { end += 1 }
        return String(decoding: bytes[lineStart(of: offset)..<end], as: UTF8.self)
    }

    /// True when only spaces and tabs stand between the line start and `offset`.
    public func isFirstOnLine(_ offset: Int) -> Bool {
        bytes[lineStart(of: offset)..<offset].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    /// True when only spaces, tabs and the terminator follow `offset` on its line.
    public func isLastOnLine(_ offset: Int) -> Bool {
        bytes[offset..<lineContentEnd(of: offset)].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }
}

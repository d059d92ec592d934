/// A place in a file as people see it: one-based line, and one-based column counted in
/// Unicode code points (a BOM is not a column). Byte offsets are for code; this is for messages.
public struct SourcePosition: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// Byte offsets of line starts: the one place where byte offsets become lines and
/// positions. A line ends at `\n`, `\r\n` or a lone `\r`.
public struct LineIndex: Sendable {
    public let bytes: [UInt8]
    /// Offsets where each line begins; the first is 0.
    public let lineStarts: [Int]
    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        var offset = 0
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == Self.newline {
                starts.append(offset + 1)
            } else if byte == Self.carriageReturn, offset + 1 >= bytes.count || bytes[offset + 1] != Self.newline {
                starts.append(offset + 1)
            }
            offset += 1
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

    /// The one-based line holding an offset.
    public func lineNumber(of offset: Int) -> Int { line(of: offset) + 1 }

    /// Where an offset is, as people count: UTF-8 continuation bytes and a leading BOM are no columns.
    public func position(of offset: Int) -> SourcePosition {
        let row = line(of: offset)
        var start = lineStarts[row]
        if row == 0, bytes.starts(with: Self.byteOrderMark) { start = min(3, offset) }
        let end = max(start, min(offset, bytes.count))
        let column = bytes[start..<end].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return SourcePosition(line: row + 1, column: column + 1)
    }

    /// The offset where the line holding `offset` starts.
    public func lineStart(of offset: Int) -> Int { lineStarts[line(of: offset)] }

    /// The offset of the line terminator (`\n`, `\r\n` or `\r`) ending the line holding
    /// `offset`, or the end of the text on a last line without one.
    public func lineContentEnd(of offset: Int) -> Int {
        var end = offset
        while end < bytes.count, bytes[end] != Self.newline, bytes[end] != Self.carriageReturn { end += 1 }
        return end
    }

    /// The offset just past the line terminator of the line holding `offset`.
    public func lineEnd(of offset: Int) -> Int {
        let row = line(of: offset)
        return row + 1 < lineStarts.count ? lineStarts[row + 1] : bytes.count
    }

    /// The leading spaces and tabs of the line holding `offset`.
    public func indentation(of offset: Int) -> String {
        var end = lineStart(of: offset)
        while end < bytes.count, bytes[end] == UInt8(ascii: " ") || bytes[end] == UInt8(ascii: "\t") { end += 1 }
        return String(decoding: bytes[lineStart(of: offset)..<end], as: UTF8.self)
    }

    /// Where the text of the line holding `offset` starts: its start, past a byte order mark
    /// on the first line, so that edits of whole lines keep the mark at byte 0.
    public func contentStart(of offset: Int) -> Int {
        let start = lineStart(of: offset)
        return start == 0 && bytes.starts(with: Self.byteOrderMark) ? min(Self.byteOrderMark.count, max(offset, 0)) : start
    }

    /// True when only spaces and tabs (and a byte order mark) stand between the line start and `offset`.
    public func isFirstOnLine(_ offset: Int) -> Bool {
        bytes[contentStart(of: offset)..<offset].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    /// True when only spaces, tabs and the terminator follow `offset` on its line.
    public func isLastOnLine(_ offset: Int) -> Bool {
        bytes[offset..<lineContentEnd(of: offset)].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }
}

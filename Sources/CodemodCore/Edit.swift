/// A replacement of a byte range of the original text. An empty range is an insertion.
public struct Edit: Equatable, Sendable {
    public var range: Range<Int>
    public var replacement: [UInt8]

    public init(range: Range<Int>, replacement: [UInt8]) {
        self.range = range
        self.replacement = replacement
    }

    public init(range: Range<Int>, replacement: String) {
        self.init(range: range, replacement: Array(replacement.utf8))
    }

    public static func insert(_ text: String, at offset: Int) -> Edit {
        Edit(range: offset..<offset, replacement: text)
    }

    public static func delete(_ range: Range<Int>) -> Edit {
        Edit(range: range, replacement: [])
    }
}

public enum EditError: Error, Equatable, Sendable {
    case overlap(Range<Int>, Range<Int>)
    case outOfBounds(Range<Int>, length: Int)
}

/// Edits on one text, checked for overlap and applied in one pass.
public struct EditSet: Sendable {
    public private(set) var edits: [Edit] = []

    public init() {}

    public init(_ edits: [Edit]) throws {
        for edit in edits { try add(edit) }
    }

    public var isEmpty: Bool { edits.isEmpty }

    /// Adds an edit; two edits overlap when their ranges share a byte, or when an
    /// insertion falls strictly inside a replaced range. Insertions at one offset
    /// are kept in the order they were added.
    public mutating func add(_ edit: Edit) throws {
        for other in edits where Self.conflict(edit.range, other.range) {
            throw EditError.overlap(other.range, edit.range)
        }
        edits.append(edit)
    }

    static func conflict(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        if a.isEmpty && b.isEmpty { return false }
        if a.isEmpty { return b.lowerBound < a.lowerBound && a.lowerBound < b.upperBound }
        if b.isEmpty { return a.lowerBound < b.lowerBound && b.lowerBound < a.upperBound }
        return a.overlaps(b)
    }

    private var ordered: [Edit] {
        edits.enumerated().sorted {
            ($0.element.range.lowerBound, $0.element.range.isEmpty ? 0 : 1, $0.offset)
                < ($1.element.range.lowerBound, $1.element.range.isEmpty ? 0 : 1, $1.offset)
        }.map(\.element)
    }

    public func apply(to bytes: [UInt8]) throws -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + edits.reduce(0) { $0 + $1.replacement.count })
        var cursor = 0
        for edit in ordered {
            guard edit.range.lowerBound >= cursor, edit.range.upperBound <= bytes.count else {
                throw EditError.outOfBounds(edit.range, length: bytes.count)
            }
            output.append(contentsOf: bytes[cursor..<edit.range.lowerBound])
            output.append(contentsOf: edit.replacement)
            cursor = edit.range.upperBound
        }
        output.append(contentsOf: bytes[cursor...])
        return output
    }

    /// Where an offset of the original text lands in the edited text. Offsets inside
    /// a replaced range map to the start of its replacement.
    public func map(_ offset: Int) -> Int {
        var shift = 0
        for edit in ordered {
            if edit.range.isEmpty {
                if edit.range.lowerBound <= offset { shift += edit.replacement.count }
                continue
            }
            if edit.range.upperBound <= offset {
                shift += edit.replacement.count - edit.range.count
            } else if edit.range.lowerBound <= offset {
                return edit.range.lowerBound + shift
            }
        }
        return offset + shift
    }
}

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

    /// Checks all edits at once: sorted, each against the furthest-reaching one before it.
    public init(_ edits: [Edit]) throws {
        self.edits = edits
        var reach: Range<Int>?
        for edit in ordered {
            if let previous = reach, Self.conflict(previous, edit.range) { throw EditError.overlap(previous, edit.range) }
            if !edit.range.isEmpty, edit.range.upperBound > (reach?.upperBound ?? Int.min) { reach = edit.range }
        }
    }

    public var isEmpty: Bool { edits.isEmpty }

    /// Edits already checked and applied once to `bytes`, applied again (a `FileOutcome`
    /// keeps its new text this way): they were in bounds and disjoint then, so they are now.
    static func applying(_ edits: [Edit], to bytes: [UInt8]) -> [UInt8] {
        var set = EditSet()
        set.edits = edits
        return (try? set.apply(to: bytes)) ?? bytes
    }

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

    var orderedEdits: [Edit] { ordered }

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
    public func map(_ offset: Int) -> Int { OffsetMap(self).map(offset) }

    /// Many offsets at once: the edits are sorted once.
    public func map(_ offsets: [Int]) -> [Int] {
        let map = OffsetMap(self)
        return offsets.map(map.map)
    }
}

/// Offsets of the original text → offsets of the edited text: the edits sorted once,
/// their growth summed, each offset found by binary search.
struct OffsetMap {
    private let ordered: [Edit]
    /// `growth[i]`: bytes added by edits 0..<i.
    private let growth: [Int]

    init(_ set: EditSet) {
        ordered = set.orderedEdits
        growth = ordered.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.replacement.count - $1.range.count) }
    }

    func map(_ offset: Int) -> Int {
        // The edits starting at or before the offset; sorted and disjoint, so only the
        // last of them can contain it.
        var low = 0, high = ordered.count
        while low < high {
            let mid = (low + high) / 2
            if ordered[mid].range.lowerBound <= offset { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return offset }
        let last = ordered[low - 1]
        if !last.range.isEmpty, offset < last.range.upperBound {
            return last.range.lowerBound + growth[low - 1]
        }
        return offset + growth[low]
    }
}

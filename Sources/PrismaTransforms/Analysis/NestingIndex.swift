/// Byte ranges of nodes of one tree, added in pre-order, so they nest like the
/// tree does. Finding the innermost range around a node is a binary search plus a
/// short climb, instead of `Node.parent` (which tree-sitter answers by descending
/// from the root, so climbing ancestors costs the square of the depth).
struct NestingIndex {
    private var ranges: [Range<Int>] = []
    /// The innermost earlier range that contains each one.
    private(set) var parents: [Int?] = []
    /// Ranges that the walk has entered and not yet left, outermost first.
    private var open: [Int] = []

    /// The innermost open range once the walk has reached `offset`: ranges that end
    /// at or before it are left behind.
    mutating func innermostOpen(at offset: Int) -> Int? {
        while let last = open.last, ranges[last].upperBound <= offset {
            open.removeLast()
        }
        return open.last
    }

    /// Adds the range of the node the pre-order walk is at; its parent is the innermost open range.
    @discardableResult
    mutating func append(_ range: Range<Int>) -> Int {
        let parent = innermostOpen(at: range.lowerBound)
        ranges.append(range)
        parents.append(parent)
        open.append(ranges.count - 1)
        return ranges.count - 1
    }

    /// The innermost range that contains all of `range`.
    func innermost(containing range: Range<Int>) -> Int? {
        // The last range starting at or before `range`, then out through its parents.
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].lowerBound <= range.lowerBound { low = middle + 1 } else { high = middle }
        }
        var candidate = low > 0 ? low - 1 : nil
        while let index = candidate, !(ranges[index].lowerBound <= range.lowerBound && range.upperBound <= ranges[index].upperBound) {
            candidate = parents[index]
        }
        return candidate
    }
}

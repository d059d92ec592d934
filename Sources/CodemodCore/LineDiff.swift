import Foundation

/// Which lines of two texts are deleted and inserted, chosen as git's default diff chooses
/// them, so the tool's hunks are the hunks `git diff` shows for the same change:
/// lines with no counterpart on the other side are set aside first, Myers' O(ND) search
/// (with git's cut-offs for costly boxes) matches the rest, then each run of changed lines
/// is slid along equal lines to where git's indent heuristic puts it.
///
/// The search runs only inside `regions` (pairs of old and new line ranges, in order,
/// outside which the texts are equal line for line), so a large file with edits in a few
/// places costs a pass over its lines plus the search in those places.
struct LineDiff {
    typealias Line = ArraySlice<UInt8>

    /// One change: `oldCount` lines deleted at `oldStart`, `newCount` inserted at `newStart`.
    struct Change: Equatable {
        var oldStart: Int, oldCount: Int
        var newStart: Int, newCount: Int
    }

    /// Per line of each side, whether it is changed; one `false` guard on either end.
    private var oldChanged: [Bool]
    private var newChanged: [Bool]
    private let old: [Line]
    private let new: [Line]

    /// The changes between `old` and `new`, in order. `regions`: where the texts may differ;
    /// nil for the whole texts.
    static func changes(old: [Line], new: [Line], regions: [(old: Range<Int>, new: Range<Int>)]? = nil) -> [Change] {
        var diff = LineDiff(old: old, new: new)
        let boxes = regions ?? [(old.indices, new.indices)]
        diff.search(boxes)
        Compaction.compact(lines: old, changed: &diff.oldChanged, other: &diff.newChanged)
        Compaction.compact(lines: new, changed: &diff.newChanged, other: &diff.oldChanged)
        return diff.script()
    }

    private init(old: [Line], new: [Line]) {
        self.old = old
        self.new = new
        oldChanged = Array(repeating: false, count: old.count + 2)
        newChanged = Array(repeating: false, count: new.count + 2)
    }

    /// git's cap on how many matches make a line "common": about the square root of the
    /// side's line count, at most 1024.
    private static func matchLimit(_ lineCount: Int) -> Int {
        var root = 1, rest = lineCount
        while rest > 0 { root <<= 1; rest >>= 2 }
        return min(root, 1024)
    }

    /// Marks changed lines region by region. Each distinct line of the regions gets one
    /// class; how often it occurs on each whole side decides, as in git, whether it is set
    /// aside before the search (no match on the other side, or a common line amid such lines).
    private mutating func search(_ regions: [(old: Range<Int>, new: Range<Int>)]) {
        var classes: [Line: Int] = [:]
        let ids = regions.map { region in
            (old: region.old.map { Self.intern(old[$0], in: &classes) }, new: region.new.map { Self.intern(new[$0], in: &classes) })
        }
        guard !classes.isEmpty else { return }
        // Occurrences of each class on each whole side, counted up to the caps.
        var inOld = Array(repeating: 0, count: classes.count)
        var inNew = Array(repeating: 0, count: classes.count)
        for line in old { if let id = classes[line] { inOld[id] += 1 } }
        for line in new { if let id = classes[line] { inNew[id] += 1 } }
        let oldLimit = Self.matchLimit(old.count), newLimit = Self.matchLimit(new.count)
        for (region, (oldIDs, newIDs)) in zip(regions, ids) {
            let oldKept = Self.kept(oldIDs, matches: { min(inNew[$0], oldLimit) }, limit: oldLimit)
            let newKept = Self.kept(newIDs, matches: { min(inOld[$0], newLimit) }, limit: newLimit)
            for (offset, keep) in oldKept.enumerated() where !keep { oldChanged[region.old.lowerBound + offset + 1] = true }
            for (offset, keep) in newKept.enumerated() where !keep { newChanged[region.new.lowerBound + offset + 1] = true }
            let oldIndices = oldKept.indices.filter { oldKept[$0] }
            let newIndices = newKept.indices.filter { newKept[$0] }
            var myers = Myers(a: oldIndices.map { oldIDs[$0] }, b: newIndices.map { newIDs[$0] })
            myers.run()
            for (position, changed) in myers.aChanged.enumerated() where changed {
                oldChanged[region.old.lowerBound + oldIndices[position] + 1] = true
            }
            for (position, changed) in myers.bChanged.enumerated() where changed {
                newChanged[region.new.lowerBound + newIndices[position] + 1] = true
            }
        }
    }

    private static func intern(_ line: Line, in classes: inout [Line: Int]) -> Int {
        if let id = classes[line] { return id }
        classes[line] = classes.count
        return classes.count - 1
    }

    /// Which lines of one side take part in the search. A line with no match on the other
    /// side is changed for sure; a line with many matches (a blank, a lone `}`) is set aside
    /// too when it sits among such lines, as git does, so it does not anchor a split.
    private static func kept(_ ids: [Int], matches: (Int) -> Int, limit: Int) -> [Bool] {
        // 0: no match; 1: some; 2: many.
        let kind = ids.map { id -> UInt8 in
            let count = matches(id)
            return count == 0 ? 0 : count >= limit ? 2 : 1
        }
        return kind.indices.map { index in
            kind[index] == 1 || (kind[index] == 2 && !amidUnmatched(kind, index))
        }
    }

    /// git's test for a common line among unmatched ones, within 100 lines either way:
    /// unmatched lines on both sides, and common lines less than a quarter of the run.
    private static func amidUnmatched(_ kind: [UInt8], _ index: Int) -> Bool {
        let window = 100
        let first = max(0, index - window), last = min(kind.count - 1, index + window)
        var unmatchedBefore = 0, commonBefore = 1
        var position = index - 1
        while position >= first {
            if kind[position] == 0 { unmatchedBefore += 1 } else if kind[position] == 2 { commonBefore += 1 } else { break }
            position -= 1
        }
        if unmatchedBefore == 0 { return false }
        var unmatchedAfter = 0, commonAfter = 1
        position = index + 1
        while position <= last {
            if kind[position] == 0 { unmatchedAfter += 1 } else if kind[position] == 2 { commonAfter += 1 } else { break }
            position += 1
        }
        if unmatchedAfter == 0 { return false }
        let unmatched = unmatchedBefore + unmatchedAfter, common = commonBefore + commonAfter
        return common * 4 < common + unmatched
    }

    /// The changes in order: each run of changed old lines with the run of changed new lines
    /// at the same place.
    private func script() -> [Change] {
        var changes: [Change] = []
        var oldIndex = 0, newIndex = 0
        while oldIndex < old.count || newIndex < new.count {
            if oldChanged[oldIndex + 1] || newChanged[newIndex + 1] {
                let oldStart = oldIndex, newStart = newIndex
                while oldChanged[oldIndex + 1] { oldIndex += 1 }
                while newChanged[newIndex + 1] { newIndex += 1 }
                changes.append(Change(oldStart: oldStart, oldCount: oldIndex - oldStart, newStart: newStart, newCount: newIndex - newStart))
            } else {
                oldIndex += 1
                newIndex += 1
            }
        }
        return changes
    }
}

/// Myers' divide-and-conquer search for a shortest edit script between two sequences of
/// line classes, with git's cut-offs: past a cost of 256 a long enough snake is taken as the
/// split, and past about the square root of the size the furthest-reaching path is.
/// Boxes are kept on a stack, not in recursion.
struct Myers {
    let a: [Int], b: [Int]
    private(set) var aChanged: [Bool]
    private(set) var bChanged: [Bool]
    /// Furthest reach per diagonal, forward and backward; diagonal k at `k + offset`.
    private var forward: [Int], backward: [Int]
    private let offset: Int
    private let maxCost: Int
    private static let snakeLength = 20
    private static let heuristicMinCost = 256

    init(a: [Int], b: [Int]) {
        self.a = a
        self.b = b
        aChanged = Array(repeating: false, count: a.count)
        bChanged = Array(repeating: false, count: b.count)
        let diagonals = a.count + b.count + 3
        forward = Array(repeating: 0, count: diagonals + 2)
        backward = Array(repeating: 0, count: diagonals + 2)
        offset = b.count + 1
        var root = 1, rest = diagonals
        while rest > 0 { root <<= 1; rest >>= 2 }
        maxCost = max(root, 256)
    }

    private struct Box { var aStart: Int, aEnd: Int, bStart: Int, bEnd: Int, needMinimal: Bool }

    mutating func run() {
        var boxes = [Box(aStart: 0, aEnd: a.count, bStart: 0, bEnd: b.count, needMinimal: false)]
        while var box = boxes.popLast() {
            while box.aStart < box.aEnd, box.bStart < box.bEnd, a[box.aStart] == b[box.bStart] { box.aStart += 1; box.bStart += 1 }
            while box.aStart < box.aEnd, box.bStart < box.bEnd, a[box.aEnd - 1] == b[box.bEnd - 1] { box.aEnd -= 1; box.bEnd -= 1 }
            if box.aStart == box.aEnd {
                for index in box.bStart..<box.bEnd { bChanged[index] = true }
            } else if box.bStart == box.bEnd {
                for index in box.aStart..<box.aEnd { aChanged[index] = true }
            } else {
                let split = self.split(box)
                // The upper box is pushed first so the lower one is done first; the order changes nothing.
                boxes.append(Box(aStart: split.a, aEnd: box.aEnd, bStart: split.b, bEnd: box.bEnd, needMinimal: split.minimalHigh))
                boxes.append(Box(aStart: box.aStart, aEnd: split.a, bStart: box.bStart, bEnd: split.b, needMinimal: split.minimalLow))
            }
        }
    }

    private struct Split { var a: Int, b: Int, minimalLow: Bool, minimalHigh: Bool }

    /// The middle of an edit path through the box, searched from both corners at once.
    private mutating func split(_ box: Box) -> Split {
        let (off1, lim1, off2, lim2) = (box.aStart, box.aEnd, box.bStart, box.bEnd)
        let dmin = off1 - lim2, dmax = lim1 - off2
        let fmid = off1 - off2, bmid = lim1 - lim2
        let odd = (fmid - bmid) & 1 != 0
        var fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid
        let unreached = Int.max
        forward[fmid + offset] = off1
        backward[bmid + offset] = lim1
        var cost = 1
        while true {
            var gotSnake = false
            if fmin > dmin { fmin -= 1; forward[fmin - 1 + offset] = -1 } else { fmin += 1 }
            if fmax < dmax { fmax += 1; forward[fmax + 1 + offset] = -1 } else { fmax -= 1 }
            var d = fmax
            while d >= fmin {
                var i1 = forward[d - 1 + offset] >= forward[d + 1 + offset] ? forward[d - 1 + offset] + 1 : forward[d + 1 + offset]
                let start = i1
                var i2 = i1 - d
                while i1 < lim1, i2 < lim2, a[i1] == b[i2] { i1 += 1; i2 += 1 }
                if i1 - start > Self.snakeLength { gotSnake = true }
                forward[d + offset] = i1
                if odd, bmin <= d, d <= bmax, backward[d + offset] <= i1 {
                    return Split(a: i1, b: i2, minimalLow: true, minimalHigh: true)
                }
                d -= 2
            }
            if bmin > dmin { bmin -= 1; backward[bmin - 1 + offset] = unreached } else { bmin += 1 }
            if bmax < dmax { bmax += 1; backward[bmax + 1 + offset] = unreached } else { bmax -= 1 }
            d = bmax
            while d >= bmin {
                var i1 = backward[d - 1 + offset] < backward[d + 1 + offset] ? backward[d - 1 + offset] : backward[d + 1 + offset] - 1
                let start = i1
                var i2 = i1 - d
                while i1 > off1, i2 > off2, a[i1 - 1] == b[i2 - 1] { i1 -= 1; i2 -= 1 }
                if start - i1 > Self.snakeLength { gotSnake = true }
                backward[d + offset] = i1
                if !odd, fmin <= d, d <= fmax, i1 <= forward[d + offset] {
                    return Split(a: i1, b: i2, minimalLow: true, minimalHigh: true)
                }
                d -= 2
            }
            if box.needMinimal { cost += 1; continue }
            // A costly box with a long snake: split at the most advanced diagonal that ends in one.
            if gotSnake, cost > Self.heuristicMinCost {
                if let found = snakeSplit(forward: true, range: fmin...fmax, mid: fmid, box: box, cost: cost) { return found }
                if let found = snakeSplit(forward: false, range: bmin...bmax, mid: bmid, box: box, cost: cost) { return found }
            }
            if cost >= maxCost { return furthestSplit(box: box, forwardRange: (fmin, fmax), backwardRange: (bmin, bmax)) }
            cost += 1
        }
    }

    private func snakeSplit(forward isForward: Bool, range: ClosedRange<Int>, mid: Int, box: Box, cost: Int) -> Split? {
        let (off1, lim1, off2, lim2) = (box.aStart, box.aEnd, box.bStart, box.bEnd)
        var best = 0
        var found: Split?
        var d = range.upperBound
        while d >= range.lowerBound {
            let distance = d > mid ? d - mid : mid - d
            let i1 = isForward ? forward[d + offset] : backward[d + offset]
            let i2 = i1 - d
            let value = isForward ? (i1 - off1) + (i2 - off2) - distance : (lim1 - i1) + (lim2 - i2) - distance
            let inside = isForward
                ? off1 + Self.snakeLength <= i1 && i1 < lim1 && off2 + Self.snakeLength <= i2 && i2 < lim2
                : off1 < i1 && i1 <= lim1 - Self.snakeLength && off2 < i2 && i2 <= lim2 - Self.snakeLength
            if value > 4 * cost, value > best, inside {
                var k = isForward ? 1 : 0
                while isForward ? a[i1 - k] == b[i2 - k] : a[i1 + k] == b[i2 + k] {
                    if k == (isForward ? Self.snakeLength : Self.snakeLength - 1) {
                        best = value
                        found = Split(a: i1, b: i2, minimalLow: isForward, minimalHigh: !isForward)
                        break
                    }
                    k += 1
                }
            }
            d -= 2
        }
        return found
    }

    /// Enough search: the path that got furthest, forward or backward.
    private func furthestSplit(box: Box, forwardRange: (Int, Int), backwardRange: (Int, Int)) -> Split {
        let (off1, lim1, off2, lim2) = (box.aStart, box.aEnd, box.bStart, box.bEnd)
        var forwardBest = -1, forwardBestA = -1
        var d = forwardRange.1
        while d >= forwardRange.0 {
            var i1 = min(forward[d + offset], lim1)
            var i2 = i1 - d
            if lim2 < i2 { i1 = lim2 + d; i2 = lim2 }
            if forwardBest < i1 + i2 { forwardBest = i1 + i2; forwardBestA = i1 }
            d -= 2
        }
        var backwardBest = Int.max, backwardBestA = Int.max
        d = backwardRange.1
        while d >= backwardRange.0 {
            var i1 = max(off1, backward[d + offset])
            var i2 = i1 - d
            if i2 < off2 { i1 = off2 + d; i2 = off2 }
            if i1 + i2 < backwardBest { backwardBest = i1 + i2; backwardBestA = i1 }
            d -= 2
        }
        if (lim1 + lim2) - backwardBest < forwardBest - (off1 + off2) {
            return Split(a: forwardBestA, b: forwardBest - forwardBestA, minimalLow: true, minimalHigh: false)
        }
        return Split(a: backwardBestA, b: backwardBest - backwardBestA, minimalLow: false, minimalHigh: true)
    }
}

/// git's sliding of change groups: each run of changed lines that could sit elsewhere
/// (its first line equals the line after it, or its last the line before) is merged with
/// runs it bumps into, lined up with a change on the other side when it can be, and
/// otherwise put where the indent heuristic scores its two edges best.
enum Compaction {
    typealias Line = ArraySlice<UInt8>

    /// A run of changed lines `start..<end` (empty: the place before line `start`).
    private struct Group { var start: Int, end: Int }

    /// `changed` and `other` are indexed by line + 1, with a `false` guard on either end.
    static func compact(lines: [Line], changed: inout [Bool], other: inout [Bool]) {
        let count = lines.count
        let otherCount = other.count - 2
        func isChanged(_ line: Int) -> Bool { changed[line + 1] }
        func first(_ flags: [Bool]) -> Group {
            var end = 0
            while flags[end + 1] { end += 1 }
            return Group(start: 0, end: end)
        }
        func next(_ group: inout Group, _ flags: [Bool], _ total: Int) -> Bool {
            if group.end == total { return false }
            group.start = group.end + 1
            group.end = group.start
            while flags[group.end + 1] { group.end += 1 }
            return true
        }
        func previous(_ group: inout Group, _ flags: [Bool]) -> Bool {
            if group.start == 0 { return false }
            group.end = group.start - 1
            group.start = group.end
            while flags[group.start] { group.start -= 1 }  // flags[start - 1 + 1]
            return true
        }
        func slideDown(_ group: inout Group) -> Bool {
            guard group.end < count, lines[group.start] == lines[group.end] else { return false }
            changed[group.start + 1] = false
            changed[group.end + 1] = true
            group.start += 1
            group.end += 1
            while isChanged(group.end) { group.end += 1 }
            return true
        }
        func slideUp(_ group: inout Group) -> Bool {
            guard group.start > 0, lines[group.start - 1] == lines[group.end - 1] else { return false }
            group.start -= 1
            group.end -= 1
            changed[group.start + 1] = true
            changed[group.end + 1] = false
            while isChanged(group.start - 1) { group.start -= 1 }
            return true
        }

        var group = first(changed)
        var otherGroup = first(other)
        while true {
            if group.end != group.start {
                var size: Int
                var earliestEnd: Int
                var endMatchingOther: Int
                repeat {
                    size = group.end - group.start
                    endMatchingOther = -1
                    while slideUp(&group) { _ = previous(&otherGroup, other) }
                    earliestEnd = group.end
                    if otherGroup.end > otherGroup.start { endMatchingOther = group.end }
                    while slideDown(&group) {
                        _ = next(&otherGroup, other, otherCount)
                        if otherGroup.end > otherGroup.start { endMatchingOther = group.end }
                    }
                } while size != group.end - group.start
                if group.end == earliestEnd {
                    // It cannot move.
                } else if endMatchingOther != -1 {
                    while otherGroup.end == otherGroup.start {
                        _ = slideUp(&group)
                        _ = previous(&otherGroup, other)
                    }
                } else {
                    var bestShift = -1
                    var best = Score(effectiveIndent: 0, penalty: 0)
                    var shift = max(earliestEnd, group.end - size - 1, group.end - 100)
                    while shift <= group.end {
                        var score = Score(effectiveIndent: 0, penalty: 0)
                        score.add(Split(lines, at: shift))
                        score.add(Split(lines, at: shift - size))
                        if bestShift == -1 || score.compare(best) <= 0 {
                            best = score
                            bestShift = shift
                        }
                        shift += 1
                    }
                    while group.end > bestShift {
                        _ = slideUp(&group)
                        _ = previous(&otherGroup, other)
                    }
                }
            }
            if !next(&group, changed, count) { break }
            _ = next(&otherGroup, other, otherCount)
        }
    }

    /// Indentation in columns (a tab to the next multiple of 8), at most 200; -1 for a blank line.
    static func indent(_ line: Line) -> Int {
        var columns = 0
        for byte in line {
            switch byte {
            case UInt8(ascii: " "): columns += 1
            case UInt8(ascii: "\t"): columns += 8 - columns % 8
            case 0x0A, 0x0B, 0x0C, 0x0D: break
            default: return columns
            }
            if columns >= 200 { return 200 }
        }
        return -1
    }

    /// What git measures about a place between two lines.
    private struct Split {
        var endOfFile: Bool
        var indent: Int
        var preBlank = 0, preIndent = -1
        var postBlank = 0, postIndent = -1

        init(_ lines: [Line], at split: Int) {
            let maxBlanks = 20
            endOfFile = split >= lines.count
            indent = endOfFile ? -1 : Compaction.indent(lines[split])
            var index = split - 1
            while index >= 0 {
                preIndent = Compaction.indent(lines[index])
                if preIndent != -1 { break }
                preBlank += 1
                if preBlank == maxBlanks { preIndent = 0; break }
                index -= 1
            }
            index = split + 1
            while index < lines.count {
                postIndent = Compaction.indent(lines[index])
                if postIndent != -1 { break }
                postBlank += 1
                if postBlank == maxBlanks { postIndent = 0; break }
                index += 1
            }
        }
    }

    /// git's badness of a place to split (smaller is better), with its empirical weights.
    private struct Score {
        var effectiveIndent: Int
        var penalty: Int

        mutating func add(_ split: Split) {
            if split.preIndent == -1, split.preBlank == 0 { penalty += 1 }
            if split.endOfFile { penalty += 21 }
            let postBlank = split.indent == -1 ? 1 + split.postBlank : 0
            let totalBlank = split.preBlank + postBlank
            penalty += -30 * totalBlank + 6 * postBlank
            let indent = split.indent != -1 ? split.indent : split.postIndent
            let anyBlanks = totalBlank != 0
            effectiveIndent += indent
            if indent == -1 || split.preIndent == -1 {
                // Nothing to compare with.
            } else if indent > split.preIndent {
                penalty += anyBlanks ? 10 : -4
            } else if indent == split.preIndent {
                // Same level as the line before.
            } else if split.postIndent != -1, split.postIndent > indent {
                penalty += anyBlanks ? 17 : 24
            } else {
                penalty += anyBlanks ? 17 : 23
            }
        }

        func compare(_ other: Score) -> Int {
            let indents = (effectiveIndent > other.effectiveIndent ? 1 : 0) - (effectiveIndent < other.effectiveIndent ? 1 : 0)
            return 60 * indents + (penalty - other.penalty)
        }
    }
}

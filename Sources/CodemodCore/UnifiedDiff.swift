import Foundation

/// A unified diff in git's format, which `git apply` and `patch -p1` accept.
public enum UnifiedDiff {
    enum Operation: Equatable { case equal, delete, insert }

    /// The diff of one file, or an empty string when old and new are equal.
    /// `path` is relative to the directory the patch will be applied in. With the
    /// edits that made `new`, only the lines they touch are compared: lines between
    /// them are equal by construction, so files with thousands of sites stay fast.
    public static func make(path: String, old: [UInt8], new: [UInt8], edits: [Edit]? = nil, context: Int = 3) -> String {
        if old == new { return "" }
        let oldLines = splitLines(old)
        let newLines = splitLines(new)
        let script = edits.flatMap { regionScript(old: old, oldLines: oldLines, newLines: newLines, edits: $0) }
            ?? editScript(old: oldLines, new: newLines)
        let (a, b) = (quotedPath("a/" + path), quotedPath("b/" + path))
        // git ends ---/+++ names holding a space with a tab, so patch(1) reads the whole name.
        let end = path.contains(" ") ? "\t" : ""
        var out = "diff --git \(a) \(b)\n--- \(a)\(end)\n+++ \(b)\(end)\n"
        // Lines before the current hunk, counted once along the script (not again per hunk).
        var counted = 0, oldBefore = 0, newBefore = 0
        for hunk in hunks(script, context: context) {
            while counted < hunk.lowerBound {
                if script[counted].0 != .insert { oldBefore += 1 }
                if script[counted].0 != .delete { newBefore += 1 }
                counted += 1
            }
            out += header(hunk, script: script, oldStart: oldBefore, newStart: newBefore)
            for index in hunk {
                let (operation, line) = script[index]
                let prefix: String = operation == .equal ? " " : operation == .delete ? "-" : "+"
                let lineBytes = operation == .insert ? newLines[line] : oldLines[line]
                out += prefix + String(decoding: lineBytes, as: UTF8.self)
                if lineBytes.last != UInt8(ascii: "\n") {
                    out += "\n\\ No newline at end of file\n"
                }
            }
        }
        return out
    }

    /// A patch name as git writes it (`core.quotePath`, git's default): unchanged unless it
    /// holds a control character, `"`, `\`, DEL or a byte of a non-ASCII character; then in
    /// double quotes, C-style, `\t` `\n` `\"` `\\` and the like, other bytes as three octal digits.
    /// `git apply` reads a name with a tab or newline only so.
    public static func quotedPath(_ path: String) -> String {
        let escapes: [UInt8: String] = [0x07: "\\a", 0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0B: "\\v", 0x0C: "\\f",
                                        0x0D: "\\r", 0x22: "\\\"", 0x5C: "\\\\"]
        func needsQuote(_ byte: UInt8) -> Bool { byte < 0x20 || byte >= 0x7F || byte == 0x22 || byte == 0x5C }
        guard path.utf8.contains(where: needsQuote) else { return path }
        var quoted = "\""
        for byte in path.utf8 {
            if let escape = escapes[byte] {
                quoted += escape
            } else if needsQuote(byte) {
                let octal = String(byte, radix: 8)
                quoted += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
            } else {
                quoted.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return quoted + "\""
    }

    /// Lines with their terminators; a last line without one stays as it is.
    static func splitLines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            while start < buffer.count {
                // memchr: the line ends of a 20 MB file are found at memory speed.
                guard let hit = memchr(base + start, Int32(UInt8(ascii: "\n")), buffer.count - start) else { break }
                let end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                lines.append(bytes[start...end])
                start = end + 1
            }
        }
        if start < bytes.count { lines.append(bytes[start...]) }
        return lines
    }

    /// Operations in order, each with the index of its line in the old (equal, delete)
    /// or the new text (insert). The standard library's difference is Myers' algorithm;
    /// it runs on line numbers (each distinct line interned once) between the common
    /// prefix and suffix, so many changes in a long file stay cheap.
    static func editScript(old: [ArraySlice<UInt8>], new: [ArraySlice<UInt8>]) -> [(Operation, Int)] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
              old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        var ids: [ArraySlice<UInt8>: Int] = [:]
        func intern(_ line: ArraySlice<UInt8>) -> Int {
            if let id = ids[line] { return id }
            ids[line] = ids.count
            return ids.count - 1
        }
        let oldMiddle = old[prefix..<(old.count - suffix)].map(intern)
        let newMiddle = new[prefix..<(new.count - suffix)].map(intern)
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in newMiddle.difference(from: oldMiddle) {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset + prefix)
            case .insert(let offset, _, _): inserted.insert(offset + prefix)
            }
        }
        var script: [(Operation, Int)] = []
        var oldIndex = 0, newIndex = 0
        while oldIndex < old.count || newIndex < new.count {
            if oldIndex < old.count, removed.contains(oldIndex) {
                script.append((.delete, oldIndex)); oldIndex += 1
            } else if newIndex < new.count, inserted.contains(newIndex) {
                script.append((.insert, newIndex)); newIndex += 1
            } else {
                script.append((.equal, oldIndex)); oldIndex += 1; newIndex += 1
            }
        }
        return script
    }

    /// The edit script built region by region: the lines each group of edits touches
    /// are diffed on their own; every line between is equal by construction. Nil when
    /// the edits do not produce the new text (then the caller diffs the whole file).
    static func regionScript(old: [UInt8], oldLines: [ArraySlice<UInt8>], newLines: [ArraySlice<UInt8>], edits: [Edit]) -> [(Operation, Int)]? {
        let newTotal = newLines.reduce(0) { $0 + $1.count }
        guard let set = try? EditSet(edits), !oldLines.isEmpty, (try? set.apply(to: old))?.count == newTotal else { return nil }
        let oldStarts = lineStarts(oldLines)
        let newIndexOfStart = Dictionary(uniqueKeysWithValues: lineStarts(newLines).enumerated().map { ($1, $0) })
        func oldLine(of offset: Int) -> Int {
            var low = 0, high = oldLines.count - 1
            while low < high {
                let mid = (low + high + 1) / 2
                if oldStarts[mid] <= offset { low = mid } else { high = mid - 1 }
            }
            return low
        }
        // Regions of old lines, each with the byte growth of its edits.
        var regions: [(lines: Range<Int>, delta: Int)] = []
        for edit in set.edits.sorted(by: { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }) {
            // The line after the edit counts too: the edit may join it to its own text.
            let first = oldLine(of: min(edit.range.lowerBound, old.count - 1))
            let last = max(first, oldLine(of: min(edit.range.upperBound, old.count - 1)))
            let lines = first..<(last + 1)
            let delta = edit.replacement.count - edit.range.count
            if let previous = regions.last, lines.lowerBound < previous.lines.upperBound {
                regions[regions.count - 1] = (previous.lines.lowerBound..<max(previous.lines.upperBound, lines.upperBound), previous.delta + delta)
            } else {
                regions.append((lines, delta))
            }
        }
        var script: [(Operation, Int)] = []
        var oldIndex = 0, newIndex = 0, growth = 0
        for region in regions {
            while oldIndex < region.lines.lowerBound {
                script.append((.equal, oldIndex)); oldIndex += 1; newIndex += 1
            }
            let oldEnd = region.lines.upperBound < oldLines.count ? oldStarts[region.lines.upperBound] : old.count
            growth += region.delta
            let newEnd = oldEnd + growth
            guard let newEndIndex = newEnd == newTotal ? newLines.count : newIndexOfStart[newEnd],
                  newEndIndex >= newIndex else { return nil }
            for (operation, index) in editScript(old: Array(oldLines[region.lines]), new: Array(newLines[newIndex..<newEndIndex])) {
                script.append((operation, operation == .insert ? index + newIndex : index + region.lines.lowerBound))
            }
            oldIndex = region.lines.upperBound
            newIndex = newEndIndex
        }
        while oldIndex < oldLines.count {
            script.append((.equal, oldIndex)); oldIndex += 1; newIndex += 1
        }
        return newIndex == newLines.count ? script : nil
    }

    static func lineStarts(_ lines: [ArraySlice<UInt8>]) -> [Int] {
        var starts: [Int] = []
        var offset = 0
        for line in lines {
            starts.append(offset)
            offset += line.count
        }
        return starts
    }

    /// Ranges of script indices, each a hunk: changes with up to `context` equal lines around.
    static func hunks(_ script: [(Operation, Int)], context: Int) -> [Range<Int>] {
        let changed = script.indices.filter { script[$0].0 != .equal }
        var hunks: [Range<Int>] = []
        for index in changed {
            let start = max(0, index - context)
            let end = min(script.count, index + context + 1)
            if let last = hunks.last, start <= last.upperBound {
                hunks[hunks.count - 1] = last.lowerBound..<max(last.upperBound, end)
            } else {
                hunks.append(start..<end)
            }
        }
        return hunks
    }

    /// `oldStart`, `newStart`: the old and new lines before the hunk.
    static func header(_ hunk: Range<Int>, script: [(Operation, Int)], oldStart: Int, newStart: Int) -> String {
        var oldCount = 0, newCount = 0
        for index in hunk {
            switch script[index].0 {
            case .equal: oldCount += 1; newCount += 1
            case .delete: oldCount += 1
            case .insert: newCount += 1
            }
        }
        // An empty side names the line before it, as diff(1) does.
        let oldFirst = oldCount == 0 ? oldStart : oldStart + 1
        let newFirst = newCount == 0 ? newStart : newStart + 1
        return "@@ -\(oldFirst),\(oldCount) +\(newFirst),\(newCount) @@\n"
    }
}

/// A unified diff in git's format, which `git apply` and `patch -p1` accept.
public enum UnifiedDiff {
    enum Operation: Equatable { case equal, delete, insert }

    /// The diff of one file, or an empty string when old and new are equal.
    /// `path` is relative to the directory the patch will be applied in.
    public static func make(path: String, old: [UInt8], new: [UInt8], context: Int = 3) -> String {
        if old == new { return "" }
        let oldLines = splitLines(old)
        let newLines = splitLines(new)
        let script = editScript(old: oldLines, new: newLines)
        // git ends ---/+++ names holding a space with a tab, so patch(1) reads the whole name.
        let end = path.contains(" ") ? "\t" : ""
        var out = "diff --git a/\(path) b/\(path)\n--- a/\(path)\(end)\n+++ b/\(path)\(end)\n"
        for hunk in hunks(script, context: context) {
            out += header(hunk, script: script)
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

    /// Lines with their terminators; a last line without one stays as it is.
    static func splitLines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            lines.append(bytes[start...offset])
            start = offset + 1
        }
        if start < bytes.count { lines.append(bytes[start...]) }
        return lines
    }

    /// Operations in order, each with the index of its line in the old (equal, delete)
    /// or the new text (insert). The standard library's difference is Myers' algorithm.
    static func editScript(old: [ArraySlice<UInt8>], new: [ArraySlice<UInt8>]) -> [(Operation, Int)] {
        let difference = new.difference(from: old)
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
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

    static func header(_ hunk: Range<Int>, script: [(Operation, Int)]) -> String {
        // Line numbers before the hunk: count equal/delete (old) and equal/insert (new) ops.
        var oldStart = 0, newStart = 0
        for index in 0..<hunk.lowerBound {
            switch script[index].0 {
            case .equal: oldStart += 1; newStart += 1
            case .delete: oldStart += 1
            case .insert: newStart += 1
            }
        }
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

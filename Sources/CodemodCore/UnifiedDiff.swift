import Crypto
import Foundation

/// A unified diff in git's format, which `git apply` (also `--3way`) and `patch -p1` accept,
/// with the hunks `git diff` shows for the same change.
public enum UnifiedDiff {
    /// One file's diff and its line counts, for `--stat`.
    public struct FilePatch: Sendable {
        public var path: String
        public var text: String
        public var insertions: Int
        public var deletions: Int
    }

    /// The diff of one file, or an empty string when old and new are equal.
    /// `path` is relative to the directory the patch will be applied in. With the
    /// edits that made `new`, a large file is searched only around the lines they touch:
    /// lines between them are equal by construction, so files with thousands of sites stay fast.
    public static func make(path: String, old: [UInt8], new: [UInt8], edits: [Edit]? = nil, context: Int = 3,
                            mode: String = regularMode) -> String {
        file(path: path, old: old, new: new, edits: edits, context: context, mode: mode).text
    }

    /// Lines (old and new together) above which a diff with edits searches only the edited regions.
    static let regionSearchLines = 20_000

    public static let regularMode = "100644"
    public static let executableMode = "100755"

    /// The mode git records for the file at `url`: executable or regular.
    public static func mode(ofFileAt url: URL) -> String {
        FileManager.default.isExecutableFile(atPath: url.path) ? executableMode : regularMode
    }

    /// git's object id of a file's bytes (SHA-1 of `blob <length>\0<bytes>`), which the
    /// `index` line names so `git apply --3way` can find the file as it was.
    public static func blobID(_ bytes: [UInt8]) -> String {
        var hash = Insecure.SHA1()
        hash.update(data: Array("blob \(bytes.count)\0".utf8))
        hash.update(data: bytes)
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }

    public static func file(path: String, old: [UInt8], new: [UInt8], edits: [Edit]? = nil, context: Int = 3,
                            mode: String = regularMode) -> FilePatch {
        guard old != new else { return FilePatch(path: path, text: "", insertions: 0, deletions: 0) }
        let oldLines = splitLines(old)
        let newLines = splitLines(new)
        // git searches the whole span between the first and last change. Where repeated lines
        // allow several equally short scripts, the span decides which one it picks, so only a
        // file too large for that (a generated one) is searched region by region.
        let searched = oldLines.count + newLines.count > regionSearchLines
            ? edits.flatMap { regions(old: old, oldLines: oldLines, newLines: newLines, edits: $0, context: context) } : nil
        let changes = LineDiff.changes(old: oldLines, new: newLines, regions: searched ?? [trimmedRegion(oldLines, newLines)])
        let (a, b) = (quotedPath("a/" + path), quotedPath("b/" + path))
        // git ends ---/+++ names holding a space with a tab, so patch(1) reads the whole name.
        let end = path.contains(" ") ? "\t" : ""
        var out = "diff --git \(a) \(b)\nindex \(blobID(old))..\(blobID(new)) \(mode)\n--- \(a)\(end)\n+++ \(b)\(end)\n"
        func emit(_ prefix: String, _ line: ArraySlice<UInt8>) {
            out += prefix + String(decoding: line, as: UTF8.self)
            if line.last != UInt8(ascii: "\n") { out += "\n\\ No newline at end of file\n" }
        }
        var first = 0
        while first < changes.count {
            // A hunk takes every following change whose gap of equal lines its context would cover.
            var last = first
            while last + 1 < changes.count,
                  changes[last + 1].oldStart - (changes[last].oldStart + changes[last].oldCount) <= 2 * context { last += 1 }
            let (head, tail) = (changes[first], changes[last])
            let oldStart = max(head.oldStart - context, 0), newStart = max(head.newStart - context, 0)
            let after = min(context, oldLines.count - (tail.oldStart + tail.oldCount), newLines.count - (tail.newStart + tail.newCount))
            let oldEnd = tail.oldStart + tail.oldCount + after, newEnd = tail.newStart + tail.newCount + after
            out += hunkHeader(oldStart: oldStart, oldCount: oldEnd - oldStart, newStart: newStart, newCount: newEnd - newStart,
                              function: functionLine(oldLines, before: oldStart))
            var oldIndex = oldStart
            for change in changes[first...last] {
                while oldIndex < change.oldStart { emit(" ", oldLines[oldIndex]); oldIndex += 1 }
                for index in change.oldStart..<(change.oldStart + change.oldCount) { emit("-", oldLines[index]) }
                for index in change.newStart..<(change.newStart + change.newCount) { emit("+", newLines[index]) }
                oldIndex = change.oldStart + change.oldCount
            }
            while oldIndex < oldEnd { emit(" ", oldLines[oldIndex]); oldIndex += 1 }
            first = last + 1
        }
        return FilePatch(path: path, text: out, insertions: changes.reduce(0) { $0 + $1.newCount },
                         deletions: changes.reduce(0) { $0 + $1.oldCount })
    }

    /// `@@ -start,count +start,count @@ function`, a count of 1 left out and an empty side
    /// naming the line before it, as git writes it.
    static func hunkHeader(oldStart: Int, oldCount: Int, newStart: Int, newCount: Int, function: String) -> String {
        func side(_ start: Int, _ count: Int) -> String {
            "\(count == 0 ? start : start + 1)" + (count == 1 ? "" : ",\(count)")
        }
        return "@@ -\(side(oldStart, oldCount)) +\(side(newStart, newCount)) @@" + (function.isEmpty ? "" : " " + function) + "\n"
    }

    /// git's default function context: the nearest old line before the hunk that starts with
    /// a letter, `_` or `$`, cut to 80 bytes (never inside a character) and trailing white space.
    static func functionLine(_ lines: [ArraySlice<UInt8>], before start: Int) -> String {
        var index = start - 1
        while index >= 0 {
            let line = lines[index]
            if let byte = line.first, isalpha(Int32(byte)) != 0 && byte < 0x80 || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$") {
                var text = Array(line.prefix(80))
                // A cut inside a UTF-8 sequence drops its lead and continuation bytes.
                if line.count > 80 {
                    while let last = text.last, last & 0xC0 == 0x80 { text.removeLast() }
                    if let last = text.last, last >= 0xC0 { text.removeLast() }
                }
                while let last = text.last, last == 0x20 || (0x09...0x0D).contains(last) { text.removeLast() }
                return String(decoding: text, as: UTF8.self)
            }
            index -= 1
        }
        return ""
    }

    /// `git diff --stat`'s table and summary line, for terminals `width` columns wide.
    public static func stat(_ files: [FilePatch], width: Int = 80) -> String {
        let files = files.filter { !$0.text.isEmpty }
        guard !files.isEmpty else { return "" }
        let names = files.map { quotedPath($0.path) }
        let maxChange = files.map { $0.insertions + $0.deletions }.max() ?? 0
        let maxName = names.map(\.count).max() ?? 0
        let numberWidth = String(maxChange).count
        let width = max(width, 16 + 6 + numberWidth)
        var graphWidth = maxChange
        var nameWidth = maxName
        if nameWidth + numberWidth + 6 + graphWidth > width {
            if graphWidth > width * 3 / 8 - numberWidth - 6 { graphWidth = max(width * 3 / 8 - numberWidth - 6, 6) }
            if nameWidth > width - numberWidth - 6 - graphWidth {
                nameWidth = width - numberWidth - 6 - graphWidth
            } else {
                graphWidth = width - numberWidth - 6 - nameWidth
            }
        }
        func scale(_ value: Int) -> Int { value == 0 ? 0 : 1 + value * (graphWidth - 1) / max(maxChange, 1) }
        var out = ""
        for (file, name) in zip(files, names) {
            var shown = name, prefix = ""
            if shown.count > nameWidth {
                // Too long: the end of the name, from a folder boundary when there is one.
                prefix = "..."
                var tail = String(shown.suffix(max(nameWidth - 3, 0)))
                if let slash = tail.firstIndex(of: "/") { tail = String(tail[slash...]) }
                shown = tail
            }
            var (add, del) = (file.insertions, file.deletions)
            if graphWidth <= maxChange {
                var total = scale(add + del)
                if total < 2, add > 0, del > 0 { total = 2 }
                if add < del {
                    let scaled = scale(add); (add, del) = (scaled, total - scaled)
                } else {
                    let scaled = scale(del); (add, del) = (total - scaled, scaled)
                }
            }
            let padded = shown.padding(toLength: max(nameWidth - prefix.count, shown.count), withPad: " ", startingAt: 0)
            let number = String(file.insertions + file.deletions)
            out += " \(prefix)\(padded) | \(String(repeating: " ", count: max(0, numberWidth - number.count)))\(number)"
                + (file.insertions + file.deletions > 0 ? " " : "")
                + String(repeating: "+", count: add) + String(repeating: "-", count: del) + "\n"
        }
        return out + summary(files) + "\n"
    }

    /// ` N files changed, X insertions(+), Y deletions(-)` as git words it.
    public static func summary(_ files: [FilePatch]) -> String {
        let changed = files.filter { !$0.text.isEmpty }
        let insertions = changed.reduce(0) { $0 + $1.insertions }, deletions = changed.reduce(0) { $0 + $1.deletions }
        var text = " \(changed.count) file\(changed.count == 1 ? "" : "s") changed"
        if insertions > 0 || deletions == 0 { text += ", \(insertions) insertion\(insertions == 1 ? "" : "s")(+)" }
        if deletions > 0 || insertions == 0 { text += ", \(deletions) deletion\(deletions == 1 ? "" : "s")(-)" }
        return text
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

    /// The lines between the texts' common first and last lines: where a diff without edits looks.
    static func trimmedRegion(_ old: [ArraySlice<UInt8>], _ new: [ArraySlice<UInt8>]) -> (old: Range<Int>, new: Range<Int>) {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
              old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        return (prefix..<(old.count - suffix), prefix..<(new.count - suffix))
    }

    /// Where the edits may have changed lines: the old lines each group of edits touches,
    /// with `context` lines either side, and the new lines in their place; every line
    /// between is equal by construction. Nil when the edits do not produce the new text
    /// (then the caller diffs the whole file).
    static func regions(old: [UInt8], oldLines: [ArraySlice<UInt8>], newLines: [ArraySlice<UInt8>], edits: [Edit],
                        context: Int = 3) -> [(old: Range<Int>, new: Range<Int>)]? {
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
        // Groups of old lines, each with the byte growth of its edits.
        var groups: [(lines: Range<Int>, delta: Int)] = []
        for edit in set.edits.sorted(by: { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }) {
            // The line after the edit counts too: the edit may join it to its own text.
            let first = oldLine(of: min(edit.range.lowerBound, old.count - 1))
            let last = max(first, oldLine(of: min(edit.range.upperBound, old.count - 1)))
            let lines = first..<(last + 1)
            let delta = edit.replacement.count - edit.range.count
            if let previous = groups.last, lines.lowerBound < previous.lines.upperBound {
                groups[groups.count - 1] = (previous.lines.lowerBound..<max(previous.lines.upperBound, lines.upperBound), previous.delta + delta)
            } else {
                groups.append((lines, delta))
            }
        }
        var regions: [(old: Range<Int>, new: Range<Int>)] = []
        var newIndex = 0, growth = 0, oldIndex = 0
        for group in groups {
            let oldEnd = group.lines.upperBound < oldLines.count ? oldStarts[group.lines.upperBound] : old.count
            growth += group.delta
            let newEnd = oldEnd + growth
            // Lines between groups correspond one to one.
            let newFirst = newIndex + (group.lines.lowerBound - oldIndex)
            guard let newEndIndex = newEnd == newTotal ? newLines.count : newIndexOfStart[newEnd],
                  newEndIndex >= newFirst else { return nil }
            regions.append((group.lines, newFirst..<newEndIndex))
            oldIndex = group.lines.upperBound
            newIndex = newEndIndex
        }
        guard oldLines.count - oldIndex == newLines.count - newIndex else { return nil }
        // Context either side, so the search sees the neighbours git's would; regions that meet merge.
        var widened: [(old: Range<Int>, new: Range<Int>)] = []
        for region in regions {
            let before = max(0, min(context, region.old.lowerBound - (widened.last?.old.upperBound ?? 0)))
            let after = min(context, oldLines.count - region.old.upperBound, newLines.count - region.new.upperBound)
            var grown = ((region.old.lowerBound - before)..<(region.old.upperBound + after),
                         (region.new.lowerBound - before)..<(region.new.upperBound + after))
            if let last = widened.last, last.old.upperBound >= grown.0.lowerBound {
                grown = (last.old.lowerBound..<grown.0.upperBound, last.new.lowerBound..<grown.1.upperBound)
                widened.removeLast()
            }
            widened.append(grown)
        }
        return widened
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
}

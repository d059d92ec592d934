import SyntaxTree

/// One named specifier of an import: `name` or `name as alias`, maybe `type name`.
public struct ImportSpecifier: Equatable, Sendable {
    public var name: String
    public var alias: String?
    public var isType: Bool
    public var range: Range<Int>

    /// The name the importing file uses.
    public var localName: String { alias ?? name }
}

/// A top-level `import` statement, read off the tree.
public struct ImportStatement: Equatable, Sendable {
    public var range: Range<Int>
    /// The module specifier without quotes.
    public var module: String
    public var isTypeOnly: Bool
    public var defaultName: String?
    public var defaultRange: Range<Int>?
    public var namespaceName: String?
    public var named: [ImportSpecifier]
    /// Offsets of `{` and `}` when the statement has braces.
    public var braces: (open: Int, close: Int)?
    public var line: Int

    public static func == (lhs: ImportStatement, rhs: ImportStatement) -> Bool {
        lhs.range == rhs.range
    }

    /// A value import can take another value specifier; `import type` cannot.
    public var acceptsValueSpecifiers: Bool { !isTypeOnly && namespaceName == nil }

    public func specifier(named name: String) -> ImportSpecifier? {
        named.first { $0.name == name }
    }

    /// Every top-level import statement of a program, in source order.
    public static func all(in root: Node) -> [ImportStatement] {
        root.namedChildren.compactMap { statement in
            statement.kind == "import_statement" ? ImportStatement(statement) : nil
        }
    }

    init?(_ node: Node) {
        guard let source = node.child(field: .source) else { return nil }
        range = node.byteRange
        module = String(source.text.dropFirst().dropLast())
        line = node.start.row
        isTypeOnly = node.children.contains { $0.kind == "type" && !$0.isNamed }
        defaultName = nil
        named = []
        braces = nil
        guard let clause = node.namedChildren.first(where: { $0.kind == "import_clause" }) else { return }
        for part in clause.namedChildren {
            switch part.kind {
            case "identifier":
                defaultName = part.text
                defaultRange = part.byteRange
            case "namespace_import":
                namespaceName = part.namedChildren.first { $0.kind == "identifier" }?.text
            case "named_imports":
                braces = (part.byteRange.lowerBound, part.byteRange.upperBound - 1)
                for specifier in part.namedChildren where specifier.kind == "import_specifier" {
                    guard let name = specifier.child(field: .name) else { continue }
                    named.append(ImportSpecifier(
                        name: name.text,
                        alias: specifier.child(field: .alias)?.text,
                        isType: specifier.children.contains { !$0.isNamed && ($0.kind == "type" || $0.kind == "typeof") },
                        range: specifier.byteRange))
                }
            default: break
            }
        }
    }
}

/// Edits that add and remove import specifiers and statements while keeping
/// the surrounding bytes, comments included.
public struct ImportEditor: Sendable {
    public let lines: LineIndex
    public let style: SourceStyle

    public init(lines: LineIndex, style: SourceStyle) {
        self.lines = lines
        self.style = style
    }

    private var bytes: [UInt8] { lines.bytes }

    /// `import { A, B } from 'module';` in the file's quote and semicolon style.
    public func statementText(named names: [String], from module: String) -> String {
        let quote = style.quote.rawValue
        return "import { \(names.joined(separator: ", ")) } from \(quote)\(module)\(quote)\(style.terminator)"
    }

    /// Removes a whole statement, with its line when it stands alone on it.
    public func removeStatement(_ statement: ImportStatement) -> Edit {
        removeLines(statement.range)
    }

    /// Deletes a range; when it fills its lines, the lines go with it.
    public func removeLines(_ range: Range<Int>) -> Edit {
        if lines.isFirstOnLine(range.lowerBound) && lines.isLastOnLine(range.upperBound) {
            var start = lines.contentStart(of: range.lowerBound)
            let end = lines.lineEnd(of: range.upperBound)
            // A last line without a terminator takes the one before it, so the file still ends as it did.
            if end == bytes.count, lines.lineContentEnd(of: range.upperBound) == end, start > 0, lines.lineStart(of: start) == start {
                start -= 1
                if start > 0, bytes[start] == UInt8(ascii: "\n"), bytes[start - 1] == UInt8(ascii: "\r") { start -= 1 }
            }
            return .delete(start..<end)
        }
        var end = range.upperBound
        while end < bytes.count, bytes[end] == UInt8(ascii: " ") { end += 1 }
        return .delete(range.lowerBound..<end)
    }

    /// Removes one named specifier; the statement goes when nothing else is imported.
    public func removeSpecifier(_ specifier: ImportSpecifier, from statement: ImportStatement) -> Edit {
        guard let index = statement.named.firstIndex(of: specifier), let braces = statement.braces else {
            return removeStatement(statement)
        }
        if statement.named.count == 1 {
            if let defaultRange = statement.defaultRange {
                // `import a, { b } from` → `import a from`
                return .delete(defaultRange.upperBound..<(braces.close + 1))
            }
            return removeStatement(statement)
        }
        let edit = removalOfSpecifier(at: index, in: statement)
        if !containsComment(edit.range) { return edit }
        // A comment in the way stays: only the name and the comma that goes with it go.
        let range = specifier.range
        let following = index < statement.named.count - 1 ? statement.named[index + 1].range.lowerBound : (statement.braces?.close ?? range.upperBound)
        if let comma = commas(in: range.upperBound..<following).last {
            let kept = Array(bytes[range.upperBound..<comma])
            var end = comma + 1
            while kept.isEmpty, end < bytes.count, bytes[end] == UInt8(ascii: " ") { end += 1 }
            return Edit(range: range.lowerBound..<end, replacement: kept)
        }
        // The last name: its comma is the one after the previous name.
        if index > 0, let comma = commas(in: statement.named[index - 1].range.upperBound..<range.lowerBound).first {
            return Edit(range: comma..<range.upperBound, replacement: Array(bytes[(comma + 1)..<range.lowerBound]))
        }
        return .delete(range)
    }

    /// Offsets of the commas in a stretch of import braces, outside comments.
    private func commas(in range: Range<Int>) -> [Int] {
        var found: [Int] = []
        var index = range.lowerBound
        while index < range.upperBound {
            if bytes[index] == UInt8(ascii: "/"), index + 1 < range.upperBound {
                if bytes[index + 1] == UInt8(ascii: "/") {
                    while index < range.upperBound, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                    continue
                }
                if bytes[index + 1] == UInt8(ascii: "*") {
                    index += 2
                    while index + 1 < range.upperBound, !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/")) { index += 1 }
                    index += 2
                    continue
                }
            }
            if bytes[index] == UInt8(ascii: ",") { found.append(index) }
            index += 1
        }
        return found
    }

    private func removalOfSpecifier(at index: Int, in statement: ImportStatement) -> Edit {
        let range = statement.named[index].range
        if lines.isFirstOnLine(range.lowerBound) {
            // One specifier per line: the line goes, with its comma.
            var end = range.upperBound
            if end < bytes.count, bytes[end] == UInt8(ascii: ",") { end += 1 }
            if lines.isLastOnLine(end) {
                if index == statement.named.count - 1, !hasTrailingComma(statement) {
                    // The new last specifier must not keep a comma the original last one lacked.
                    let previous = statement.named[index - 1].range
                    return .delete(previous.upperBound..<lines.lineContentEnd(of: range.upperBound))
                }
                return .delete(lines.contentStart(of: range.lowerBound)..<lines.lineEnd(of: end))
            }
        }
        if index < statement.named.count - 1 {
            return .delete(range.lowerBound..<statement.named[index + 1].range.lowerBound)
        }
        return .delete(statement.named[index - 1].range.upperBound..<range.upperBound)
    }

    /// Import braces hold names, commas and comments only, so a slash starts a comment.
    private func containsComment(_ range: Range<Int>) -> Bool {
        bytes[range].contains(UInt8(ascii: "/"))
    }

    /// Adds a named specifier, first or last in the braces, in the braces' layout.
    public func addSpecifier(_ text: String, to statement: ImportStatement, first: Bool) -> Edit {
        guard let braces = statement.braces else {
            let anchor = statement.defaultRange?.upperBound ?? statement.range.lowerBound
            return .insert(", { \(text) }", at: anchor)
        }
        guard let firstSpecifier = statement.named.first, let lastSpecifier = statement.named.last else {
            return Edit(range: (braces.open + 1)..<braces.close, replacement: " \(text) ")
        }
        let multiline = lines.isFirstOnLine(firstSpecifier.range.lowerBound)
        let indent = lines.indentation(of: firstSpecifier.range.lowerBound)
        if first {
            let separator = multiline ? "," + style.lineEnding + indent : ", "
            return .insert(text + separator, at: firstSpecifier.range.lowerBound)
        }
        if multiline {
            if hasTrailingComma(statement), let comma = commaAfter(lastSpecifier.range.upperBound) {
                return .insert(style.lineEnding + indent + text + ",", at: comma + 1)
            }
            return .insert("," + style.lineEnding + indent + text, at: lastSpecifier.range.upperBound)
        }
        return .insert(", " + text, at: lastSpecifier.range.upperBound)
    }

    /// Inserts lines after the last import (or at the top, past a BOM), each ending a line.
    public func insertAfterImports(_ newLines: [String], imports: [ImportStatement]) -> Edit {
        let text = newLines.map { $0 + style.lineEnding }.joined()
        if let last = imports.last {
            let end = lines.lineEnd(of: last.range.upperBound)
            if end == bytes.count, bytes.last != UInt8(ascii: "\n") {
                return .insert(style.lineEnding + newLines.joined(separator: style.lineEnding), at: end)
            }
            return .insert(text, at: end)
        }
        // No imports: at the top, past a BOM and a `#!` line.
        var start = style.hasBOM ? 3 : 0
        if bytes.count >= start + 2, bytes[start] == UInt8(ascii: "#"), bytes[start + 1] == UInt8(ascii: "!") {
            start = lines.lineEnd(of: start)
            if start == bytes.count, bytes.last != UInt8(ascii: "\n") {
                return .insert(style.lineEnding + newLines.joined(separator: style.lineEnding), at: start)
            }
        }
        return .insert(text, at: start)
    }

    /// Inserts a whole statement on its own line before another statement.
    public func insertLine(_ text: String, before statement: ImportStatement) -> Edit {
        .insert(text + style.lineEnding, at: lines.contentStart(of: statement.range.lowerBound))
    }

    /// Inserts a whole statement on its own line after another statement.
    public func insertLine(_ text: String, after statement: ImportStatement) -> Edit {
        let end = lines.lineEnd(of: statement.range.upperBound)
        if end == bytes.count, bytes.last != UInt8(ascii: "\n") {
            return .insert(style.lineEnding + text, at: end)
        }
        return .insert(text + style.lineEnding, at: end)
    }

    private func hasTrailingComma(_ statement: ImportStatement) -> Bool {
        guard let last = statement.named.last else { return false }
        return commaAfter(last.range.upperBound) != nil
    }

    private func commaAfter(_ offset: Int) -> Int? {
        var cursor = offset
        while cursor < bytes.count {
            switch bytes[cursor] {
            case UInt8(ascii: ","): return cursor
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): cursor += 1
            default: return nil
            }
        }
        return nil
    }
}

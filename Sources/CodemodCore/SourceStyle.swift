import SyntaxTree

/// The formatting habits of one file, detected so that inserted code looks native.
public struct SourceStyle: Equatable, Sendable {
    public enum Quote: String, Sendable { case single = "'", double = "\"" }

    public var quote: Quote
    public var semicolons: Bool
    /// One level of indentation: two or four spaces, or a tab.
    public var indentUnit: String
    public var lineEnding: String
    public var hasBOM: Bool
    public var endsWithNewline: Bool

    public init(quote: Quote = .single, semicolons: Bool = true, indentUnit: String = "  ",
                lineEnding: String = "\n", hasBOM: Bool = false, endsWithNewline: Bool = true) {
        self.quote = quote
        self.semicolons = semicolons
        self.indentUnit = indentUnit
        self.lineEnding = lineEnding
        self.hasBOM = hasBOM
        self.endsWithNewline = endsWithNewline
    }

    public var terminator: String { semicolons ? ";" : "" }

    /// Reads the style off the text and its tree: imports decide quotes and
    /// semicolons first, because inserted code is mostly imports and declarations.
    public static func detect(bytes: [UInt8], root: Node) -> SourceStyle {
        var style = SourceStyle()
        style.hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        style.endsWithNewline = bytes.last == UInt8(ascii: "\n") || bytes.last == UInt8(ascii: "\r")
        style.lineEnding = dominantLineEnding(bytes)
        style.indentUnit = detectIndentUnit(bytes)

        var singles = 0, doubles = 0, withSemicolon = 0, withoutSemicolon = 0
        for statement in root.namedChildren {
            switch statement.kind {
            case "import_statement", "lexical_declaration", "expression_statement", "variable_declaration":
                if statement.bytes.last == UInt8(ascii: ";") { withSemicolon += 1 } else { withoutSemicolon += 1 }
            default: break
            }
            if statement.kind == "import_statement", let source = statement.child(field: .source),
               let first = source.bytes.first {
                if first == UInt8(ascii: "'") { singles += 1 } else if first == UInt8(ascii: "\"") { doubles += 1 }
            }
        }
        if singles == 0 && doubles == 0 {
            var walk = root.preorder()
            while let node = walk.next() {
                guard node.kind == "string", let first = node.bytes.first else { continue }
                if first == UInt8(ascii: "'") { singles += 1 } else if first == UInt8(ascii: "\"") { doubles += 1 }
                walk.skipChildren()
            }
        }
        style.quote = doubles > singles ? .double : .single
        style.semicolons = withSemicolon > 0 || withoutSemicolon == 0
        return style
    }

    /// The line break most lines end with: `\n`, `\r\n`, or a lone `\r` (classic Mac files),
    /// so a few lines pasted with other endings do not decide what inserted lines get.
    static func dominantLineEnding(_ bytes: [UInt8]) -> String {
        var counts = (lf: 0, crlf: 0, cr: 0)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") {
                counts.lf += 1
            } else if bytes[index] == UInt8(ascii: "\r") {
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") {
                    counts.crlf += 1
                    index += 1
                } else {
                    counts.cr += 1
                }
            }
            index += 1
        }
        if counts.crlf > counts.lf && counts.crlf >= counts.cr { return "\r\n" }
        if counts.cr > counts.lf && counts.cr > counts.crlf { return "\r" }
        return "\n"
    }

    /// The most common positive step between the indentation of consecutive lines.
    static func detectIndentUnit(_ bytes: [UInt8]) -> String {
        var tabLines = 0, spaceLines = 0
        var steps: [Int: Int] = [:]
        var previous = 0
        let lines = LineIndex(bytes)
        for lineStart in lines.lineStarts where lineStart < bytes.count {
            var cursor = lineStart
            var spaces = 0
            while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { spaces += 1; cursor += 1 }
            let startsWithTab = cursor < bytes.count && bytes[cursor] == UInt8(ascii: "\t") && spaces == 0
            let end = lines.lineContentEnd(of: cursor)
            let blank = bytes[cursor..<end].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            // Lines continuing a block comment (" * text") are aligned, not indented.
            let commentContinuation = cursor < end && bytes[cursor] == UInt8(ascii: "*")
            if !blank && !commentContinuation {
                if startsWithTab { tabLines += 1 } else if spaces > 0 { spaceLines += 1 }
                if !startsWithTab {
                    if spaces > previous { steps[spaces - previous, default: 0] += 1 }
                    previous = spaces
                }
            }
        }
        if tabLines > spaceLines { return "\t" }
        guard let step = steps.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) })?.key else { return "  " }
        return String(repeating: " ", count: step)
    }
}

import SyntaxTree

/// A source file read once, parsed once, with its detected style.
public struct ParsedFile {
    /// The path relative to the project root, with `/` separators.
    public let path: String
    /// The original bytes: every edit is a range of these.
    public let bytes: [UInt8]
    /// Parsed from a view of `bytes` with equal length (see `ParseView`), so offsets agree.
    public let tree: Tree
    public let lines: LineIndex
    public let style: SourceStyle

    public init(path: String, bytes: [UInt8], parser: Parser) throws {
        self.path = path
        self.bytes = bytes
        self.tree = try parser.parse(ParseView.make(bytes))
        self.lines = LineIndex(bytes)
        self.style = SourceStyle.detect(bytes: bytes, root: tree.root)
    }

    /// Parses with the grammar the file's name asks for; a file with a syntax error is
    /// an error naming its path, line, column and reason, never a tree to guess from.
    public static func clean(path: String, bytes: [UInt8], parsers: ParserSet) throws(CodemodError) -> ParsedFile {
        guard let language = Language(fileName: path), let parser = try? parsers.parser(for: language),
              let file = try? ParsedFile(path: path, bytes: bytes, parser: parser) else {
            throw .parse(path: path, position: SourcePosition(line: 1, column: 1), reason: "no TypeScript grammar could parse it")
        }
        if let problem = file.tree.firstError {
            throw .parse(path: path, position: file.position(problem.byteOffset), reason: problem.reason)
        }
        return file
    }

    public var root: Node { tree.root }

    /// The original text of a node (the tree's own copy may have blanked bytes).
    public func text(_ node: Node) -> String { text(node.byteRange) }

    public func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// Where an offset is, as people count.
    public func position(_ offset: Int) -> SourcePosition { lines.position(of: offset) }

    public var imports: [ImportStatement] { ImportStatement.all(in: root) }

    public var importEditor: ImportEditor { ImportEditor(lines: lines, style: style) }
}

/// The bytes handed to tree-sitter: the original with constructs the grammar
/// mis-parses blanked to spaces of equal byte length, so every offset stays valid.
public enum ParseView {
    public static func make(_ bytes: [UInt8]) -> [UInt8] {
        var view = bytes
        // A leading BOM is not whitespace to the grammar.
        if view.starts(with: [0xEF, 0xBB, 0xBF]) {
            view.replaceSubrange(0..<3, with: [0x20, 0x20, 0x20])
        }
        blankTaggedTemplateTypeArguments(&view)
        return view
    }

    /// tree-sitter-typescript 0.23 cannot parse a typed tagged template
    /// (``prisma.$queryRaw<Row[]>`SELECT …` ``, upstream #341): it yields ERROR nodes
    /// or a chain of comparisons. Blanking `<Row[]>` leaves a plain tagged template.
    static func blankTaggedTemplateTypeArguments(_ view: inout [UInt8]) {
        var index = 1
        while index < view.count {
            if view[index] == UInt8(ascii: "<"), isIdentifierByte(view[index - 1]),
               let close = matchingAngle(view, from: index) {
                var after = close + 1
                while after < view.count, isSpace(view[after]) { after += 1 }
                if after < view.count, view[after] == UInt8(ascii: "`") {
                    for blank in index...close where view[blank] != UInt8(ascii: "\n") && view[blank] != UInt8(ascii: "\r") {
                        view[blank] = 0x20
                    }
                    index = close + 1
                    continue
                }
            }
            index += 1
        }
    }

    /// The `>` closing the `<` at `open`, if the span looks like type arguments.
    static func matchingAngle(_ view: [UInt8], from open: Int) -> Int? {
        var depth = 0
        var cursor = open
        let limit = min(view.count, open + 2_000)
        while cursor < limit {
            switch view[cursor] {
            case UInt8(ascii: "<"), UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: ">"):
                // `=>` inside a function type is not a closing angle.
                if cursor > 0, view[cursor - 1] == UInt8(ascii: "=") { break }
                depth -= 1
                if depth == 0 { return cursor }
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                if depth <= 0 { return nil }
            case UInt8(ascii: ";"), UInt8(ascii: "`"), UInt8(ascii: "'"), UInt8(ascii: "\""): return nil
            default: break
            }
            cursor += 1
        }
        return nil
    }

    static func isIdentifierByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}

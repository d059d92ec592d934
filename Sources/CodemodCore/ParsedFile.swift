import SyntaxTree

/// A source file read once, parsed once, with its detected style.
public struct ParsedFile {
    /// The path relative to the project root, with `/` separators.
    public let path: String
    /// The original bytes: every edit is a range of these.
    public let bytes: [UInt8]
    /// Parsed from `bytes`, or where tree-sitter reads them otherwise than TypeScript,
    /// from a repaired view of equal length and equal lines (see `ParseRepair`), so every
    /// offset, line and column of the tree is the original's.
    public let tree: Tree
    /// The ranges of `bytes` blanked in the view `tree` was parsed from, in order; empty
    /// when the original parsed as it is.
    public let repairs: [Range<Int>]
    public let lines: LineIndex
    /// The top-level statements the parse left out, when it was asked to (nil: a whole parse).
    public let omitted: OmittedStatements?
    /// Read off the text when first asked for: only a file that gets edits needs it.
    public var style: SourceStyle {
        if let known = detectedStyle.value { return known }
        let style = SourceStyle.detect(bytes: bytes, root: tree.root)
        detectedStyle.value = style
        return style
    }
    private let detectedStyle = StyleCache()

    private final class StyleCache {
        var value: SourceStyle?
    }

    public init(path: String, bytes: [UInt8], parser: Parser, retainingRuntime: Bool = false,
                reusing previous: (file: ParsedFile, edits: [Edit])? = nil, statementsWhere keep: (([Range<Int>]) -> [Bool])? = nil) throws {
        self.path = path
        self.bytes = bytes
        let outcome = try ParseRepair.parse(bytes, with: parser, retainingRuntime: retainingRuntime, reusing: previous.map {
            ($0.file.tree, $0.edits.map { SourceChange(range: $0.range, replacement: $0.replacement) })
        }, statementsWhere: keep)
        self.tree = outcome.tree
        self.repairs = outcome.repairs
        self.lines = LineIndex(bytes)
        omitted = outcome.tree.omittedRanges.isEmpty ? nil : OmittedStatements(ranges: outcome.tree.omittedRanges, bytes: bytes)
    }

    /// Parses with the grammar the file's name asks for; a file with a syntax error is
    /// an error naming its path, line, column and reason, never a tree to guess from.
    /// The error is the first one tree-sitter still sees after the repairs, so a typed
    /// tagged template before it does not hide where the file really breaks.
    ///
    /// `retainingRuntime` keeps tree-sitter's own tree as well, so that `reusing` this file
    /// and the edits (in text order) that turn it into `bytes` re-parses only what they touch.
    ///
    /// `statementsWhere`: parse only the top-level statements it keeps, given their byte
    /// ranges (see `omitted` for what an analysis of such a tree must tell).
    public static func clean(path: String, bytes: [UInt8], parsers: ParserSet, retainingRuntime: Bool = false,
                             reusing previous: (file: ParsedFile, edits: [Edit])? = nil,
                             statementsWhere keep: (([Range<Int>]) -> [Bool])? = nil) throws(CodemodError) -> ParsedFile {
        guard let language = Language(fileName: path), let parser = try? parsers.parser(for: language),
              let file = try? ParsedFile(path: path, bytes: bytes, parser: parser, retainingRuntime: retainingRuntime, reusing: previous,
                                         statementsWhere: keep) else {
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

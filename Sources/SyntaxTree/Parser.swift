import CTreeSitter

/// Errors of the syntax layer.
public enum SyntaxError: Error, Equatable, Sendable {
    /// The runtime rejected the grammar (ABI mismatch between grammar and libtree-sitter).
    case incompatibleGrammar(Language)
    /// The parser returned no tree (only on cancellation or timeout).
    case parseFailed
}

/// A tree-sitter parser for one language. Not thread-safe: use one per worker.
public final class Parser {
    private let handle: OpaquePointer
    public let language: Language
    /// Sources longer than this are parsed in pieces of about this size (see `parse`).
    public let pieceSize: Int

    /// tree-sitter's own tree costs some 35-45 bytes per byte of source until it is copied;
    /// pieces of this size keep that peak small next to the flat tree of a large file.
    public static let defaultPieceSize = 512 * 1024

    public init(language: Language, pieceSize: Int = Parser.defaultPieceSize) throws {
        guard let handle = ts_parser_new() else { throw SyntaxError.parseFailed }
        guard ts_parser_set_language(handle, language.pointer) else {
            ts_parser_delete(handle)
            throw SyntaxError.incompatibleGrammar(language)
        }
        self.handle = handle
        self.language = language
        self.pieceSize = max(1, pieceSize)
    }

    deinit { ts_parser_delete(handle) }

    /// Parses UTF-8 bytes. The tree keeps the bytes, so node text stays available.
    ///
    /// A source longer than `pieceSize` is cut between top-level declarations
    /// (`StatementSplit`), each piece parsed alone and copied before the next is parsed, and
    /// the pieces' top-level nodes hung under one `program` root: the same tree as one parse,
    /// with a fraction of its peak memory. Where the cuts are in doubt, no cut is found, or a
    /// piece has an ERROR or MISSING node, the whole file is parsed at once, so a cut can
    /// never change a tree nor hide or move an error.
    public func parse(_ source: [UInt8]) throws -> Tree {
        if source.count > pieceSize,
           let cuts = StatementSplit.cuts(in: source, every: pieceSize, jsx: language != .typescript), !cuts.isEmpty,
           let tree = try parse(source, cutAt: cuts) {
            return tree
        }
        return try parseWhole(source)
    }

    public func parse(_ text: String) throws -> Tree {
        try parse(Array(text.utf8))
    }

    private func parseWhole(_ source: [UInt8]) throws -> Tree {
        guard let raw = parseRaw(source) else { throw SyntaxError.parseFailed }
        return Tree(handle: raw, source: source, language: language)
    }

    /// The tree-sitter tree of `source`, or of the part the included ranges name.
    private func parseRaw(_ source: [UInt8]) -> OpaquePointer? {
        source.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    ts_parser_parse_string_encoding(handle, nil, $0, UInt32(buffer.count), TSInputEncodingUTF8)
                }
            } ?? ts_parser_parse_string_encoding(handle, nil, "", 0, TSInputEncodingUTF8)
        }
    }

    /// The pieces parsed one by one (each as an included range of the whole text, so its
    /// offsets are the file's) into one flat tree; nil when a piece has an error.
    func parse(_ source: [UInt8], cutAt cuts: [StatementSplit.Cut]) throws -> Tree? {
        defer { ts_parser_set_included_ranges(handle, nil, 0) }  // later parses read whole files again
        let starts = [StatementSplit.Cut(offset: 0, row: 0)] + cuts
        var builder = FlatTreeBuilder(estimatedNodes: source.count / 4 + 16)
        var root: Int32 = 0
        for (number, start) in starts.enumerated() {
            let end = number + 1 < starts.count ? starts[number + 1] : nil
            var range = TSRange(
                start_point: TSPoint(row: UInt32(start.row), column: 0),
                end_point: end.map { TSPoint(row: UInt32($0.row), column: 0) } ?? TSPoint(row: UInt32.max, column: UInt32.max),
                start_byte: UInt32(start.offset),
                end_byte: end.map { UInt32($0.offset) } ?? UInt32.max)
            guard ts_parser_set_included_ranges(handle, &range, 1) else { return nil }
            guard let raw = parseRaw(source) else { throw SyntaxError.parseFailed }
            defer { ts_tree_delete(raw) }
            let pieceRoot = ts_tree_root_node(raw)
            if ts_node_has_error(pieceRoot) { return nil }
            if number == 0 {
                // The pieces' roots are all `program` nodes; the first one's start is the file's.
                root = builder.append(symbol: ts_node_symbol(pieceRoot), flag: Tree.namedFlag, field: 0,
                                      start: ts_node_start_byte(pieceRoot), end: ts_node_end_byte(pieceRoot), parent: -1)
            }
            builder.copy(raw, under: root)
            builder.endBytes[Int(root)] = max(builder.startBytes[Int(root)], ts_node_end_byte(pieceRoot))
        }
        builder.close(root)
        return Tree(builder, source: source, language: language)
    }
}

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

    public init(language: Language) throws {
        guard let handle = ts_parser_new() else { throw SyntaxError.parseFailed }
        guard ts_parser_set_language(handle, language.pointer) else {
            ts_parser_delete(handle)
            throw SyntaxError.incompatibleGrammar(language)
        }
        self.handle = handle
        self.language = language
    }

    deinit { ts_parser_delete(handle) }

    /// Parses UTF-8 bytes. The tree keeps the bytes, so node text stays available.
    public func parse(_ source: [UInt8]) throws -> Tree {
        let raw: OpaquePointer? = source.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    ts_parser_parse_string_encoding(handle, nil, $0, UInt32(buffer.count), TSInputEncodingUTF8)
                }
            } ?? ts_parser_parse_string_encoding(handle, nil, "", 0, TSInputEncodingUTF8)
        }
        guard let raw else { throw SyntaxError.parseFailed }
        return Tree(handle: raw, source: source, language: language)
    }

    public func parse(_ text: String) throws -> Tree {
        try parse(Array(text.utf8))
    }
}

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
    /// `retainingRuntime` keeps the parser's own tree too (some 35 bytes per byte of source),
    /// for a later `reparse` of an edited version of the text.
    public func parse(_ source: [UInt8], retainingRuntime: Bool = false) throws -> Tree {
        try parse(source, editedFrom: nil, retainingRuntime: retainingRuntime)
    }

    /// Parses `source`, which is `previous.source` with `changes` made, reusing what the
    /// changes leave of `previous` (tree-sitter's incremental parse): an output that differs
    /// from its input in a few places re-parses at a fraction of the cost of a fresh parse.
    /// Without a kept runtime tree in `previous` it is a fresh parse.
    public func reparse(_ source: [UInt8], previous: Tree, changes: [SourceChange]) throws -> Tree {
        guard let runtime = previous.runtime, previous.language == language,
              let merged = SourceChange.merged(changes, length: previous.source.count),
              let edited = ts_tree_copy(runtime) else {
            return try parse(source)
        }
        defer { ts_tree_delete(edited) }
        // Last change first: the text before a change is the same in every intermediate version,
        // so each change's start and old end are positions in `previous`.
        for change in merged.reversed() {
            let start = previous.point(at: change.range.lowerBound)
            let oldEnd = previous.point(at: change.range.upperBound)
            var newEnd = start
            for byte in change.replacement {
                if byte == 0x0A {
                    newEnd.row += 1
                    newEnd.column = 0
                } else {
                    newEnd.column += 1
                }
            }
            var edit = TSInputEdit(start_byte: UInt32(change.range.lowerBound), old_end_byte: UInt32(change.range.upperBound),
                                   new_end_byte: UInt32(change.range.lowerBound + change.replacement.count),
                                   start_point: start.raw, old_end_point: oldEnd.raw, new_end_point: newEnd.raw)
            ts_tree_edit(edited, &edit)
        }
        return try parse(source, editedFrom: edited, retainingRuntime: false)
    }

    private func parse(_ source: [UInt8], editedFrom previous: OpaquePointer?, retainingRuntime: Bool) throws -> Tree {
        let raw: OpaquePointer? = source.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    ts_parser_parse_string_encoding(handle, previous, $0, UInt32(buffer.count), TSInputEncodingUTF8)
                }
            } ?? ts_parser_parse_string_encoding(handle, previous, "", 0, TSInputEncodingUTF8)
        }
        guard let raw else { throw SyntaxError.parseFailed }
        return Tree(handle: raw, source: source, language: language, retainingRuntime: retainingRuntime)
    }

    public func parse(_ text: String) throws -> Tree {
        try parse(Array(text.utf8))
    }
}

/// One replacement of a byte range of a parsed text, as `Parser.reparse` is told of it.
public struct SourceChange: Equatable, Sendable {
    public var range: Range<Int>
    public var replacement: [UInt8]

    public init(range: Range<Int>, replacement: [UInt8]) {
        self.range = range
        self.replacement = replacement
    }

    /// Changes given in text order, with those that touch (an insertion next to a replacement,
    /// two insertions at one offset) made one, as tree-sitter wants disjoint edits; nil when
    /// they are out of order, overlap or lie outside a text of `length` bytes.
    static func merged(_ changes: [SourceChange], length: Int) -> [SourceChange]? {
        var merged: [SourceChange] = []
        for change in changes {
            guard change.range.lowerBound >= (merged.last?.range.upperBound ?? 0), change.range.upperBound <= length else { return nil }
            if var last = merged.last, last.range.upperBound == change.range.lowerBound {
                last.range = last.range.lowerBound..<change.range.upperBound
                last.replacement += change.replacement
                merged[merged.count - 1] = last
            } else {
                merged.append(change)
            }
        }
        return merged
    }
}

extension Point {
    var raw: TSPoint { TSPoint(row: UInt32(row), column: UInt32(column)) }
}

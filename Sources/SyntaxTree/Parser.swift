import CTreeSitter
import Dispatch

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
    /// How many pieces may be parsed at once, each on its own thread.
    public let pieceWorkers: Int

    /// tree-sitter's own tree costs some 35-45 bytes per byte of source until it is copied;
    /// pieces of this size keep that peak small next to the flat tree of a large file.
    public static let defaultPieceSize = 512 * 1024

    public init(language: Language, pieceSize: Int = Parser.defaultPieceSize, pieceWorkers: Int = 1) throws {
        guard let handle = ts_parser_new() else { throw SyntaxError.parseFailed }
        guard ts_parser_set_language(handle, language.pointer) else {
            ts_parser_delete(handle)
            throw SyntaxError.incompatibleGrammar(language)
        }
        self.handle = handle
        self.language = language
        self.pieceSize = max(1, pieceSize)
        self.pieceWorkers = max(1, pieceWorkers)
    }

    deinit { ts_parser_delete(handle) }

    /// Parses UTF-8 bytes. The tree keeps the bytes, so node text stays available.
    /// `retainingRuntime` keeps the parser's own tree too (some 35 bytes per byte of source),
    /// for a later `reparse` of an edited version of the text; a source parsed in pieces keeps none.
    ///
    /// A source longer than `pieceSize` is cut between top-level declarations
    /// (`StatementSplit`), each piece parsed alone and copied before its runtime tree is
    /// freed, and the pieces' top-level nodes hung under one `program` root: the same tree as
    /// one parse, without the runtime's tree of the whole file (some 40 bytes per byte). Where the cuts are in doubt, no cut is found, or a
    /// piece has an ERROR or MISSING node, the whole file is parsed at once, so a cut can
    /// never change a tree nor hide or move an error.
    public func parse(_ source: [UInt8], retainingRuntime: Bool = false) throws -> Tree {
        if source.count > pieceSize,
           let cuts = StatementSplit.cuts(in: source, every: pieceSize, jsx: language != .typescript), !cuts.isEmpty,
           let tree = try parse(source, cutAt: cuts) {
            return tree
        }
        return try parseWhole(source, retainingRuntime: retainingRuntime)
    }

    /// Parses only the top-level statements `keep` accepts (given their byte ranges, in order), as
    /// one parse of their ranges: an analysis that looks for a few names spares the parse of
    /// every statement without them. The tree's `omittedRanges` are the statements left out;
    /// its nodes and offsets are those of a whole parse.
    ///
    /// The statements are `StatementSplit`'s: where it is unsure of the file's structure, where
    /// every statement is kept, where the kept ones hold an ERROR or MISSING node or a node runs
    /// from one kept range into the next (a cut in doubt), or for a file parsed in pieces anyway,
    /// the result is `parse(source)`'s (as it is for JSX, which the scan does not lex, and where a
    /// guess between a regular expression and a division decides how a quote is read): a left-out statement can never add, hide or move an error
    /// in what was kept. An error inside a left-out statement is not seen.
    public func parse(_ source: [UInt8], statementsWhere keep: ([Range<Int>]) -> [Bool]) throws -> Tree {
        // JSX text is not lexed by the scan (a backtick there is text), so only TypeScript is cut.
        guard source.count <= pieceSize, language == .typescript,
              let cuts = StatementSplit.candidates(in: source, jsx: false, strict: true), !cuts.isEmpty else {
            return try parse(source)
        }
        let starts = [StatementSplit.Cut(offset: 0, row: 0)] + cuts
        let statements = starts.indices.map { starts[$0].offset..<($0 + 1 < starts.count ? starts[$0 + 1].offset : source.count) }
        let keeps = keep(statements)
        guard keeps.count == statements.count else { return try parse(source) }
        var kept: [TSRange] = []
        var omitted: [Range<Int>] = []
        for number in starts.indices {
            let start = starts[number]
            let end = number + 1 < starts.count ? starts[number + 1] : nil
            let bytes = statements[number]
            guard keeps[number] else {
                if let last = omitted.last, last.upperBound == bytes.lowerBound {
                    omitted[omitted.count - 1] = last.lowerBound..<bytes.upperBound
                } else {
                    omitted.append(bytes)
                }
                continue
            }
            let endPoint = end.map { TSPoint(row: UInt32($0.row), column: 0) } ?? TSPoint(row: UInt32.max, column: UInt32.max)
            let endByte = end.map { UInt32($0.offset) } ?? UInt32.max
            if let last = kept.last, last.end_byte == UInt32(start.offset) {
                kept[kept.count - 1].end_point = endPoint
                kept[kept.count - 1].end_byte = endByte
            } else {
                kept.append(TSRange(start_point: TSPoint(row: UInt32(start.row), column: 0), end_point: endPoint,
                                    start_byte: UInt32(start.offset), end_byte: endByte))
            }
        }
        guard !omitted.isEmpty, !kept.isEmpty else { return try parse(source) }
        guard ts_parser_set_included_ranges(handle, kept, UInt32(kept.count)) else { return try parse(source) }
        let raw = Parser.parseRaw(source, with: handle)
        ts_parser_set_included_ranges(handle, nil, 0)  // later parses read whole files again
        guard let raw else { throw SyntaxError.parseFailed }
        let tree = Tree(handle: raw, source: source, language: language, omittedRanges: omitted)
        guard !tree.root.hasError, tree.topLevelNodesLie(within: kept) else { return try parse(source) }
        return tree
    }

    public func parse(_ text: String) throws -> Tree {
        try parse(Array(text.utf8))
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
        return try parseWhole(source, editedFrom: edited)
    }

    private func parseWhole(_ source: [UInt8], editedFrom previous: OpaquePointer? = nil, retainingRuntime: Bool = false) throws -> Tree {
        guard let raw = Parser.parseRaw(source, with: handle, editedFrom: previous) else { throw SyntaxError.parseFailed }
        return Tree(handle: raw, source: source, language: language, retainingRuntime: retainingRuntime)
    }

    /// The tree-sitter tree of `source`, or of the part the parser's included ranges name;
    /// `previous`: the edited tree of an earlier version, to reuse.
    static func parseRaw(_ source: [UInt8], with handle: OpaquePointer, editedFrom previous: OpaquePointer? = nil) -> OpaquePointer? {
        source.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    ts_parser_parse_string_encoding(handle, previous, $0, UInt32(buffer.count), TSInputEncodingUTF8)
                }
            } ?? ts_parser_parse_string_encoding(handle, previous, "", 0, TSInputEncodingUTF8)
        }
    }

    /// The pieces parsed (each as an included range of the whole text, so its offsets are
    /// the file's) and copied into one flat tree; nil when a piece has an error. Up to
    /// `pieceWorkers` pieces are parsed at once, each by its own parser, and merged in order
    /// before the next batch: a huge file is one unit of work, and without this one core parses
    /// it while the others wait.
    func parse(_ source: [UInt8], cutAt cuts: [StatementSplit.Cut]) throws -> Tree? {
        let starts = [StatementSplit.Cut(offset: 0, row: 0)] + cuts
        let ranges = starts.indices.map { number in
            let start = starts[number]
            let end = number + 1 < starts.count ? starts[number + 1] : nil
            return TSRange(start_point: TSPoint(row: UInt32(start.row), column: 0),
                           end_point: end.map { TSPoint(row: UInt32($0.row), column: 0) } ?? TSPoint(row: UInt32.max, column: UInt32.max),
                           start_byte: UInt32(start.offset),
                           end_byte: end.map { UInt32($0.offset) } ?? UInt32.max)
        }
        let batch = PieceBatch(parsers: [handle], language: language, slots: min(pieceWorkers, ranges.count))
        defer {
            batch.release()
            ts_parser_set_included_ranges(handle, nil, 0)  // later parses read whole files again
        }
        // Room for the nodes as the pieces so far predict them: an array grown by doubling
        // would hold up to twice the tree, and three times while it copies.
        let builder = FlatTreeBuilder(estimatedNodes: min(source.count, pieceSize * batch.count) / 2 + 16)
        let root = builder.append(symbol: 0, flag: Tree.namedFlag, field: 0, start: 0, end: 0, parent: -1)
        var next = 0
        while next < ranges.count {
            let count = min(batch.count, ranges.count - next)
            let first = next
            if count == 1 {
                batch.parse(source, range: ranges[first], slot: 0)
            } else {
                DispatchQueue.concurrentPerform(iterations: count) { slot in batch.parse(source, range: ranges[first + slot], slot: slot) }
            }
            for slot in 0..<count {
                guard let piece = batch.take(slot) else { throw SyntaxError.parseFailed }
                guard piece.clean else { return nil }
                if first + slot == 0 {
                    // The pieces' roots are all `program` nodes; the first one's start is the file's.
                    builder.setRoot(symbol: piece.rootSymbol, start: piece.rootStart)
                }
                builder.append(piece.nodes, under: root)
                builder.setRoot(end: piece.rootEnd)
            }
            next += count
            if next < ranges.count {
                builder.reserve(Int(Double(builder.count) * Double(source.count) / Double(max(1, ranges[next].start_byte)) * 1.02) + 16)
            }
        }
        builder.close(root)
        return Tree(builder, source: source, language: language)
    }
}

/// One piece's copy: its root's facts and the nodes below the root (those on top with parent -1).
private struct Piece {
    var clean: Bool
    var rootSymbol: UInt16
    var rootStart: UInt32
    var rootEnd: UInt32
    var nodes: FlatTreeBuilder
}

/// The parsers of a batch and the pieces they give, one slot per parser. Each slot is
/// written by one worker and read after all of them are done, so the slots need no lock;
/// the parsers beyond the caller's are created here and freed by `release`.
private final class PieceBatch: @unchecked Sendable {
    private let parsers: [OpaquePointer]
    private let owned: Int
    private let results: UnsafeMutableBufferPointer<Piece?>

    var count: Int { parsers.count }

    init(parsers given: [OpaquePointer], language: Language, slots: Int) {
        var parsers = given
        while parsers.count < slots, let extra = ts_parser_new() {
            guard ts_parser_set_language(extra, language.pointer) else {
                ts_parser_delete(extra)
                break
            }
            parsers.append(extra)
        }
        self.parsers = parsers
        owned = parsers.count - given.count
        results = .allocate(capacity: parsers.count)
        results.initialize(repeating: nil)
    }

    func release() {
        for extra in parsers.suffix(owned) { ts_parser_delete(extra) }
        _ = results.deinitialize()
        results.deallocate()
    }

    func parse(_ source: [UInt8], range: TSRange, slot: Int) {
        let parser = parsers[slot]
        var range = range
        guard ts_parser_set_included_ranges(parser, &range, 1) else {
            // A range the runtime refuses: no piece, and the whole file is parsed instead.
            results[slot] = Piece(clean: false, rootSymbol: 0, rootStart: 0, rootEnd: 0, nodes: FlatTreeBuilder(estimatedNodes: 0))
            return
        }
        guard let raw = Parser.parseRaw(source, with: parser) else { return }
        defer { ts_tree_delete(raw) }
        let root = ts_tree_root_node(raw)
        var piece = Piece(clean: !ts_node_has_error(root), rootSymbol: ts_node_symbol(root), rootStart: ts_node_start_byte(root),
                          rootEnd: ts_node_end_byte(root), nodes: FlatTreeBuilder(estimatedNodes: 0))
        if piece.clean {
            piece.nodes = FlatTreeBuilder(estimatedNodes: Int(range.end_byte == UInt32.max ? UInt32(source.count) : range.end_byte) / 2
                                            - Int(range.start_byte) / 2 + 16)
            piece.nodes.copy(raw, under: -1, clean: true)
        }
        results[slot] = piece
    }

    func take(_ slot: Int) -> Piece? {
        defer { results[slot] = nil }
        return results[slot]
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

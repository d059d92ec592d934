import CTreeSitter

/// An immutable syntax tree together with the bytes it was parsed from.
///
/// The parser's tree is copied once, in one cursor walk, into flat arrays in pre-order and
/// then freed: every later walk is a loop over indices, a node's parent is one load (the
/// runtime's `ts_node_parent` searches down from the root, which made large files
/// quadratic), and the copy takes a fraction of the memory of the runtime's tree.
public final class Tree {
    public let source: [UInt8]
    public let language: Language
    /// The grammar's kind and field names (shared by every tree of the language).
    let names: GrammarNames

    // One entry per visible node, in pre-order; the root is 0.
    @usableFromInline let symbols: [UInt16]
    let flags: [UInt8]
    /// The field under which the node hangs from its parent (0: none).
    let fields: [UInt16]
    let startBytes: [UInt32]
    let endBytes: [UInt32]
    let parents: [Int32]
    /// One past the node's last descendant: its next sibling's index, when it has one.
    let subtreeEnds: [Int32]
    /// Offsets of the bytes that follow each `\n`, for rows and columns as tree-sitter counts them.
    private let lineStarts: [Int]

    /// The top-level statements a parse left out (`Parser.parse(_:statementsWhere:)`), in
    /// order: no node covers them. Empty for a whole parse.
    public let omittedRanges: [Range<Int>]

    /// The parser's own tree, kept only when asked for (`Parser.parse(_:retainingRuntime:)`):
    /// an edited copy of it lets the parser re-read an edited text incrementally.
    let runtime: OpaquePointer?

    static let namedFlag: UInt8 = 1
    static let missingFlag: UInt8 = 2
    static let errorFlag: UInt8 = 4

    /// Copies a whole-file parse; frees it unless `retainingRuntime` keeps it for `Parser.reparse`.
    convenience init(handle: OpaquePointer, source: [UInt8], language: Language, retainingRuntime: Bool = false,
                     omittedRanges: [Range<Int>] = []) {
        defer { if !retainingRuntime { ts_tree_delete(handle) } }
        var builder = FlatTreeBuilder(estimatedNodes: source.count / 4 + 16)
        builder.copy(handle, under: nil)
        self.init(builder, source: source, language: language, runtime: retainingRuntime ? handle : nil, omittedRanges: omittedRanges)
    }

    init(_ builder: FlatTreeBuilder, source: [UInt8], language: Language, runtime: OpaquePointer? = nil, omittedRanges: [Range<Int>] = []) {
        self.runtime = runtime
        self.omittedRanges = omittedRanges
        self.source = source
        self.language = language
        names = language.names
        symbols = builder.symbols
        flags = builder.flags
        fields = builder.fields
        startBytes = builder.startBytes
        endBytes = builder.endBytes
        parents = builder.parents
        subtreeEnds = builder.subtreeEnds
        var lineStarts = [0]
        for (offset, byte) in source.enumerated() where byte == 0x0A { lineStarts.append(offset + 1) }
        self.lineStarts = lineStarts
    }

    deinit {
        if let runtime { ts_tree_delete(runtime) }
    }

    public var root: Node { Node(index: 0, tree: self) }

    /// Whether the parser's own tree was kept, so that `Parser.reparse` can reuse it.
    public var canBeReparsed: Bool { runtime != nil }

    var nodeCount: Int { symbols.count }

    /// Row and byte column of a byte offset (a binary search over the line starts).
    func point(at offset: Int) -> Point {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return Point(row: low, column: offset - lineStarts[low])
    }

    /// Whether each child of the root lies inside one of `ranges` (sorted, disjoint): a node
    /// running from one into the next joined what a whole parse would not.
    func topLevelNodesLie(within ranges: [TSRange]) -> Bool {
        var range = 0
        var child = 1
        while child < nodeCount {
            let start = startBytes[child]
            let end = endBytes[child]
            while range < ranges.count, ranges[range].end_byte <= start, !(start == end && ranges[range].end_byte == start) { range += 1 }
            guard range < ranges.count, ranges[range].start_byte <= start, end <= ranges[range].end_byte else { return false }
            child = Int(subtreeEnds[child])
        }
        return true
    }

    /// The first ERROR or MISSING node in source order, or nil for a clean parse.
    public var firstError: SyntaxProblem? {
        guard root.hasError else { return nil }
        for node in root.preorder() where node.isError || node.isMissing {
            return SyntaxProblem(
                position: node.start,
                byteOffset: node.byteRange.lowerBound,
                isMissing: node.isMissing,
                kind: node.kind
            )
        }
        return nil
    }
}
/// A zero-based row and a zero-based byte column, as tree-sitter reports them.
public struct Point: Hashable, Sendable, Comparable {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// One-based `line:column` for messages.
    public var description: String { "\(row + 1):\(column + 1)" }

    public static func < (lhs: Point, rhs: Point) -> Bool {
        (lhs.row, lhs.column) < (rhs.row, rhs.column)
    }
}

/// Where a parse went wrong.
public struct SyntaxProblem: Hashable, Sendable {
    public var position: Point
    public var byteOffset: Int
    public var isMissing: Bool
    public var kind: String

    public var reason: String {
        isMissing ? "syntax error: missing \(kind)" : "syntax error"
    }
}

/// The flat arrays of a `Tree`, filled in pre-order from one runtime tree or from several
/// (the pieces of a file parsed apart, under one root).
struct FlatTreeBuilder {
    var symbols: [UInt16] = []
    var flags: [UInt8] = []
    var fields: [UInt16] = []
    var startBytes: [UInt32] = []
    var endBytes: [UInt32] = []
    var parents: [Int32] = []
    var subtreeEnds: [Int32] = []

    init(estimatedNodes: Int) {
        symbols.reserveCapacity(estimatedNodes)
        flags.reserveCapacity(estimatedNodes)
        fields.reserveCapacity(estimatedNodes)
        startBytes.reserveCapacity(estimatedNodes)
        endBytes.reserveCapacity(estimatedNodes)
        parents.reserveCapacity(estimatedNodes)
        subtreeEnds.reserveCapacity(estimatedNodes)
    }

    var count: Int { symbols.count }

    /// Appends a node by hand (the root over several pieces); its subtree ends when `close` is called.
    mutating func append(symbol: UInt16, flag: UInt8, field: UInt16, start: UInt32, end: UInt32, parent: Int32) -> Int32 {
        symbols.append(symbol)
        flags.append(flag)
        fields.append(field)
        startBytes.append(start)
        endBytes.append(max(start, end))
        parents.append(parent)
        subtreeEnds.append(0)  // set when the walk leaves the node
        return Int32(symbols.count - 1)
    }

    mutating func close(_ index: Int32) { subtreeEnds[Int(index)] = Int32(symbols.count) }

    /// Appends another builder's nodes after these: its indices shift by the count so far, and
    /// its nodes without a parent (-1) hang under `parent`.
    mutating func append(_ other: FlatTreeBuilder, under parent: Int32) {
        let offset = Int32(count)
        reserve(count + other.count)
        symbols += other.symbols
        flags += other.flags
        fields += other.fields
        startBytes += other.startBytes
        endBytes += other.endBytes
        parents += other.parents.lazy.map { $0 < 0 ? parent : $0 + offset }
        subtreeEnds += other.subtreeEnds.lazy.map { $0 + offset }
    }

    /// Makes room for `nodes` in all, growing by at least a quarter so that repeated calls stay linear.
    mutating func reserve(_ nodes: Int) {
        guard nodes > symbols.capacity else { return }
        let capacity = max(nodes, symbols.capacity + symbols.capacity / 4)
        symbols.reserveCapacity(capacity)
        flags.reserveCapacity(capacity)
        fields.reserveCapacity(capacity)
        startBytes.reserveCapacity(capacity)
        endBytes.reserveCapacity(capacity)
        parents.reserveCapacity(capacity)
        subtreeEnds.reserveCapacity(capacity)
    }

    /// Copies the runtime tree in one cursor walk: with no `parent`, the whole tree from its
    /// root; otherwise only the root's children and their subtrees, hung under `parent`.
    /// `clean` tells that the tree has no ERROR or MISSING node (its root said so), which
    /// spares asking every node.
    mutating func copy(_ handle: OpaquePointer, under parent: Int32?, clean: Bool = false) {
        var cursor = ts_tree_cursor_new(ts_tree_root_node(handle))
        defer { ts_tree_cursor_delete(&cursor) }
        func appendCurrent(parent: Int32) -> Int32 {
            let node = ts_tree_cursor_current_node(&cursor)
            var flag: UInt8 = ts_node_is_named(node) ? Tree.namedFlag : 0
            if !clean {
                if ts_node_is_missing(node) { flag |= Tree.missingFlag }
                if ts_node_has_error(node) { flag |= Tree.errorFlag }
            }
            return append(symbol: ts_node_symbol(node), flag: flag, field: ts_tree_cursor_current_field_id(&cursor),
                          start: ts_node_start_byte(node), end: ts_node_end_byte(node), parent: parent)
        }
        var ancestors: [Int32] = []
        var current: Int32
        if let parent {
            guard ts_tree_cursor_goto_first_child(&cursor) else { return }
            ancestors.append(parent)  // stands for the runtime's root, which is not copied
            current = appendCurrent(parent: parent)
        } else {
            current = appendCurrent(parent: -1)
        }
        walk: while true {
            if ts_tree_cursor_goto_first_child(&cursor) {
                ancestors.append(current)
                current = appendCurrent(parent: current)
                continue
            }
            close(current)
            while true {
                if ts_tree_cursor_goto_next_sibling(&cursor) {
                    current = appendCurrent(parent: ancestors.last ?? -1)
                    continue walk
                }
                guard ts_tree_cursor_goto_parent(&cursor), let up = ancestors.popLast() else { break walk }
                // Back at an uncopied root: the caller closes the node standing for it.
                if parent != nil, ancestors.isEmpty { break walk }
                close(up)
            }
        }
    }
}

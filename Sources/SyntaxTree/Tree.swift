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

    /// The parser's own tree, kept only when asked for (`Parser.parse(_:retainingRuntime:)`):
    /// an edited copy of it lets the parser re-read an edited text incrementally.
    let runtime: OpaquePointer?

    static let namedFlag: UInt8 = 1
    static let missingFlag: UInt8 = 2
    static let errorFlag: UInt8 = 4

    init(handle: OpaquePointer, source: [UInt8], language: Language, retainingRuntime: Bool = false) {
        defer { if !retainingRuntime { ts_tree_delete(handle) } }
        runtime = retainingRuntime ? handle : nil
        self.source = source
        self.language = language
        names = language.names
        var symbols: [UInt16] = []
        var flags: [UInt8] = []
        var fields: [UInt16] = []
        var startBytes: [UInt32] = []
        var endBytes: [UInt32] = []
        var parents: [Int32] = []
        var subtreeEnds: [Int32] = []
        let estimate = source.count / 4 + 16
        symbols.reserveCapacity(estimate)
        flags.reserveCapacity(estimate)
        fields.reserveCapacity(estimate)
        startBytes.reserveCapacity(estimate)
        endBytes.reserveCapacity(estimate)
        parents.reserveCapacity(estimate)
        subtreeEnds.reserveCapacity(estimate)

        var cursor = ts_tree_cursor_new(ts_tree_root_node(handle))
        defer { ts_tree_cursor_delete(&cursor) }
        func append(parent: Int32) -> Int32 {
            let node = ts_tree_cursor_current_node(&cursor)
            symbols.append(ts_node_symbol(node))
            var flag: UInt8 = 0
            if ts_node_is_named(node) { flag |= Tree.namedFlag }
            if ts_node_is_missing(node) { flag |= Tree.missingFlag }
            if ts_node_has_error(node) { flag |= Tree.errorFlag }
            flags.append(flag)
            fields.append(ts_tree_cursor_current_field_id(&cursor))
            let start = ts_node_start_byte(node)
            startBytes.append(start)
            endBytes.append(max(start, ts_node_end_byte(node)))
            parents.append(parent)
            subtreeEnds.append(0)  // set when the walk leaves the node
            return Int32(symbols.count - 1)
        }
        var current = append(parent: -1)
        var ancestors: [Int32] = []
        func close(_ index: Int32) { subtreeEnds[Int(index)] = Int32(symbols.count) }
        walk: while true {
            if ts_tree_cursor_goto_first_child(&cursor) {
                ancestors.append(current)
                current = append(parent: current)
                continue
            }
            close(current)
            while true {
                if ts_tree_cursor_goto_next_sibling(&cursor) {
                    current = append(parent: ancestors.last ?? -1)
                    continue walk
                }
                guard ts_tree_cursor_goto_parent(&cursor), let parent = ancestors.popLast() else { break walk }
                close(parent)
            }
        }
        var lineStarts = [0]
        for (offset, byte) in source.enumerated() where byte == 0x0A { lineStarts.append(offset + 1) }

        self.symbols = symbols
        self.flags = flags
        self.fields = fields
        self.startBytes = startBytes
        self.endBytes = endBytes
        self.parents = parents
        self.subtreeEnds = subtreeEnds
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

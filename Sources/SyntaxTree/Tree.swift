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
        let builder = FlatTreeBuilder(estimatedNodes: source.count / 3 + 16)
        builder.copy(handle, under: nil, clean: !ts_node_has_error(ts_tree_root_node(handle)))
        self.init(builder, source: source, language: language, runtime: retainingRuntime ? handle : nil, omittedRanges: omittedRanges)
    }

    init(_ builder: FlatTreeBuilder, source: [UInt8], language: Language, runtime: OpaquePointer? = nil, omittedRanges: [Range<Int>] = []) {
        self.runtime = runtime
        self.omittedRanges = omittedRanges
        self.source = source
        self.language = language
        names = language.names
        (symbols, flags, fields, startBytes, endBytes, parents, subtreeEnds) = builder.takeColumns()
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
///
/// The columns are raw memory written in place: a copy appends to seven columns per node,
/// and seven `Array.append`s (each checking uniqueness and capacity) were most of its cost.
/// The arrays a `Tree` keeps are made once, at the end.
///
/// One builder is filled by one thread, so the run-time exclusivity checks of class
/// properties (a few percent of a copy) are left out.
final class FlatTreeBuilder {
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private var symbolColumn: UnsafeMutablePointer<UInt16>
    @exclusivity(unchecked) private var flagColumn: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var fieldColumn: UnsafeMutablePointer<UInt16>
    @exclusivity(unchecked) private var startColumn: UnsafeMutablePointer<UInt32>
    @exclusivity(unchecked) private var endColumn: UnsafeMutablePointer<UInt32>
    @exclusivity(unchecked) private var parentColumn: UnsafeMutablePointer<Int32>
    @exclusivity(unchecked) private var subtreeEndColumn: UnsafeMutablePointer<Int32>

    init(estimatedNodes: Int) {
        capacity = max(16, estimatedNodes)
        symbolColumn = .allocate(capacity: capacity)
        flagColumn = .allocate(capacity: capacity)
        fieldColumn = .allocate(capacity: capacity)
        startColumn = .allocate(capacity: capacity)
        endColumn = .allocate(capacity: capacity)
        parentColumn = .allocate(capacity: capacity)
        subtreeEndColumn = .allocate(capacity: capacity)
    }

    deinit {
        symbolColumn.deallocate()
        flagColumn.deallocate()
        fieldColumn.deallocate()
        startColumn.deallocate()
        endColumn.deallocate()
        parentColumn.deallocate()
        subtreeEndColumn.deallocate()
    }

    /// The columns as arrays, each column freed as soon as it is copied (a large file's tree is
    /// held once and one column, not twice); the builder is empty afterwards.
    func takeColumns() -> (symbols: [UInt16], flags: [UInt8], fields: [UInt16], startBytes: [UInt32], endBytes: [UInt32],
                           parents: [Int32], subtreeEnds: [Int32]) {
        let nodes = count
        func take<T>(_ column: inout UnsafeMutablePointer<T>) -> [T] {
            let array = Array(UnsafeBufferPointer(start: column, count: nodes))
            column.deallocate()
            column = .allocate(capacity: 1)
            return array
        }
        let columns = (take(&symbolColumn), take(&flagColumn), take(&fieldColumn), take(&startColumn), take(&endColumn),
                       take(&parentColumn), take(&subtreeEndColumn))
        count = 0
        capacity = 1
        return columns
    }

    /// Appends a node by hand (the root over several pieces); its subtree ends when `close` is called.
    @discardableResult
    func append(symbol: UInt16, flag: UInt8, field: UInt16, start: UInt32, end: UInt32, parent: Int32) -> Int32 {
        if count == capacity { reserve(count + 1) }
        symbolColumn[count] = symbol
        flagColumn[count] = flag
        fieldColumn[count] = field
        startColumn[count] = start
        endColumn[count] = max(start, end)
        parentColumn[count] = parent
        subtreeEndColumn[count] = 0  // set when the walk leaves the node
        count += 1
        return Int32(count - 1)
    }

    func close(_ index: Int32) { subtreeEndColumn[Int(index)] = Int32(count) }

    /// The first node's kind and extent (the root over several pieces takes its pieces').
    func setRoot(symbol: UInt16? = nil, start: UInt32? = nil, end: UInt32? = nil) {
        guard count > 0 else { return }
        if let symbol { symbolColumn[0] = symbol }
        if let start { startColumn[0] = start }
        if let end { endColumn[0] = max(startColumn[0], end) }
    }

    /// Appends another builder's nodes after these: its indices shift by the count so far, and
    /// its nodes without a parent (-1) hang under `parent`.
    func append(_ other: FlatTreeBuilder, under parent: Int32) {
        let offset = Int32(count)
        reserve(count + other.count)
        (symbolColumn + count).update(from: other.symbolColumn, count: other.count)
        (flagColumn + count).update(from: other.flagColumn, count: other.count)
        (fieldColumn + count).update(from: other.fieldColumn, count: other.count)
        (startColumn + count).update(from: other.startColumn, count: other.count)
        (endColumn + count).update(from: other.endColumn, count: other.count)
        for index in 0..<other.count {
            let theirs = other.parentColumn[index]
            parentColumn[count + index] = theirs < 0 ? parent : theirs + offset
            subtreeEndColumn[count + index] = other.subtreeEndColumn[index] + offset
        }
        count += other.count
    }

    /// Makes room for `nodes` in all, growing by at least a quarter so that repeated calls stay linear.
    func reserve(_ nodes: Int) {
        guard nodes > capacity else { return }
        let grown = max(nodes, capacity + capacity / 4)
        func move<T>(_ column: inout UnsafeMutablePointer<T>) {
            let larger = UnsafeMutablePointer<T>.allocate(capacity: grown)
            larger.moveInitialize(from: column, count: count)
            column.deallocate()
            column = larger
        }
        move(&symbolColumn)
        move(&flagColumn)
        move(&fieldColumn)
        move(&startColumn)
        move(&endColumn)
        move(&parentColumn)
        move(&subtreeEndColumn)
        capacity = grown
    }

    /// Copies the runtime tree in one cursor walk: with no `parent`, the whole tree from its
    /// root; otherwise only the root's children and their subtrees, hung under `parent`.
    /// `clean` tells that the tree has no ERROR or MISSING node (its root said so), which
    /// spares asking every node.
    func copy(_ handle: OpaquePointer, under parent: Int32?, clean: Bool = false) {
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

import CTreeSitter

/// A node of a `Tree`: a value that keeps its tree alive.
public struct Node {
    let raw: TSNode
    public let tree: Tree

    init(raw: TSNode, tree: Tree) {
        self.raw = raw
        self.tree = tree
    }

    init?(optional raw: TSNode, tree: Tree) {
        if ts_node_is_null(raw) { return nil }
        self.init(raw: raw, tree: tree)
    }

    public var kind: String {
        // ts_node_symbol is the public symbol of the node (or of its alias), whose name
        // ts_node_type gives; ERROR (65535) lies outside the table.
        let symbol = Int(ts_node_symbol(raw))
        return symbol < tree.kindNames.count ? tree.kindNames[symbol] : String(cString: ts_node_type(raw))
    }
    public var isNamed: Bool { ts_node_is_named(raw) }
    public var isMissing: Bool { ts_node_is_missing(raw) }
    public var isError: Bool { kind == "ERROR" }
    public var hasError: Bool { ts_node_has_error(raw) }

    /// UTF-8 byte offsets into `tree.source`.
    public var byteRange: Range<Int> {
        let start = Int(ts_node_start_byte(raw))
        return start..<max(start, Int(ts_node_end_byte(raw)))
    }

    public var start: Point { Point(ts_node_start_point(raw)) }
    public var end: Point { Point(ts_node_end_point(raw)) }

    public var bytes: ArraySlice<UInt8> { tree.source[byteRange] }
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public var childCount: Int { Int(ts_node_child_count(raw)) }
    public var namedChildCount: Int { Int(ts_node_named_child_count(raw)) }

    public func child(_ index: Int) -> Node? {
        guard index >= 0, index < childCount else { return nil }
        return Node(optional: ts_node_child(raw, UInt32(index)), tree: tree)
    }

    public func namedChild(_ index: Int) -> Node? {
        guard index >= 0, index < namedChildCount else { return nil }
        return Node(optional: ts_node_named_child(raw, UInt32(index)), tree: tree)
    }

    public var children: [Node] { (0..<childCount).compactMap { child($0) } }
    public var namedChildren: [Node] { (0..<namedChildCount).compactMap { namedChild($0) } }

    /// The field name under which the child at `index` hangs from this node, if any.
    public func fieldName(ofChild index: Int) -> String? {
        guard index >= 0, index < childCount, let name = ts_node_field_name_for_child(raw, UInt32(index)) else {
            return nil
        }
        return String(cString: name)
    }

    public func child(field: String) -> Node? {
        field.withCString { name in
            Node(optional: ts_node_child_by_field_name(raw, name, UInt32(field.utf8.count)), tree: tree)
        }
    }

    public var parent: Node? { Node(optional: ts_node_parent(raw), tree: tree) }

    /// The chain of ancestors from the parent up to the root.
    public var ancestors: AnySequence<Node> {
        AnySequence(sequence(first: self, next: { $0.parent }).dropFirst())
    }

    /// Depth-first pre-order walk over this node and its descendants, iterative.
    public func preorder() -> PreorderWalk { PreorderWalk(root: self) }
}

extension Node: Equatable {
    public static func == (lhs: Node, rhs: Node) -> Bool {
        lhs.tree === rhs.tree && ts_node_eq(lhs.raw, rhs.raw)
    }
}

extension Node: Hashable {
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(tree))
        hasher.combine(byteRange.lowerBound)
        hasher.combine(byteRange.upperBound)
        hasher.combine(kind)
    }
}

extension Node: CustomStringConvertible {
    public var description: String { "\(kind)@\(start.description)" }
}

extension Point {
    init(_ point: TSPoint) {
        self.init(row: Int(point.row), column: Int(point.column))
    }
}

/// Iterative pre-order traversal built on a tree cursor: no recursion, so deep
/// input cannot overflow the stack.
public struct PreorderWalk: Sequence, IteratorProtocol {
    private let cursor: CursorBox
    private let tree: Tree
    private var started = false
    private var finished = false
    private var skipNext = false

    init(root: Node) {
        self.cursor = CursorBox(root.raw)
        self.tree = root.tree
    }

    /// Do not descend into the children of the node last returned.
    public mutating func skipChildren() { skipNext = true }

    public mutating func next() -> Node? {
        if finished { return nil }
        if !started {
            started = true
            return current
        }
        if !skipNext, ts_tree_cursor_goto_first_child(&cursor.value) {
            return current
        }
        skipNext = false
        while true {
            if ts_tree_cursor_goto_next_sibling(&cursor.value) { return current }
            if !ts_tree_cursor_goto_parent(&cursor.value) {
                finished = true
                return nil
            }
        }
    }

    private var current: Node { Node(raw: ts_tree_cursor_current_node(&cursor.value), tree: tree) }
}

/// Owns a TSTreeCursor so that it is deleted exactly once.
final class CursorBox {
    var value: TSTreeCursor
    init(_ node: TSNode) { value = ts_tree_cursor_new(node) }
    deinit { ts_tree_cursor_delete(&value) }
}

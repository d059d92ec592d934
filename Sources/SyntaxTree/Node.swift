/// A node of a `Tree`: a value that keeps its tree alive.
public struct Node {
    @usableFromInline let index: Int
    public let tree: Tree

    @usableFromInline init(index: Int, tree: Tree) {
        self.index = index
        self.tree = tree
    }

    public var kind: String {
        // The public symbol of the node (or of its alias); ERROR (65535) lies outside the table.
        let symbol = Int(tree.symbols[index])
        let kinds = tree.names.kinds
        return symbol < kinds.count ? kinds[symbol] : "ERROR"
    }
    public var isNamed: Bool { tree.flags[index] & Tree.namedFlag != 0 }
    public var isMissing: Bool { tree.flags[index] & Tree.missingFlag != 0 }
    public var isError: Bool { tree.symbols[index] == UInt16.max }
    /// Whether the node or a descendant is an ERROR or MISSING node.
    public var hasError: Bool { tree.flags[index] & Tree.errorFlag != 0 }

    /// UTF-8 byte offsets into `tree.source`.
    public var byteRange: Range<Int> { Int(tree.startBytes[index])..<Int(tree.endBytes[index]) }

    public var start: Point { tree.point(at: Int(tree.startBytes[index])) }
    public var end: Point { tree.point(at: Int(tree.endBytes[index])) }

    public var bytes: ArraySlice<UInt8> { tree.source[byteRange] }
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The indices of the direct children, in order: each child's subtree ends where the next begins.
    private var childIndices: ChildIndices { ChildIndices(first: index + 1, end: Int(tree.subtreeEnds[index]), tree: tree) }

    public var childCount: Int { childIndices.reduce(0) { count, _ in count + 1 } }
    public var namedChildCount: Int { childIndices.reduce(0) { $1.isNamed ? $0 + 1 : $0 } }

    public func child(_ position: Int) -> Node? {
        guard position >= 0 else { return nil }
        var seen = 0
        for child in childIndices {
            if seen == position { return child }
            seen += 1
        }
        return nil
    }

    public func namedChild(_ position: Int) -> Node? {
        guard position >= 0 else { return nil }
        var seen = 0
        for child in childIndices where child.isNamed {
            if seen == position { return child }
            seen += 1
        }
        return nil
    }

    public var children: [Node] { Array(childIndices) }
    public var namedChildren: [Node] { childIndices.filter(\.isNamed) }

    /// The field name under which the child at `position` hangs from this node, if any.
    public func fieldName(ofChild position: Int) -> String? {
        guard let child = child(position) else { return nil }
        let field = Int(tree.fields[child.index])
        return field == 0 ? nil : tree.names.fields[field]
    }

    /// The first child under the field (as `ts_node_child_by_field_name`).
    public func child(field: String) -> Node? {
        guard let id = tree.names.fieldID(field) else { return nil }
        return child(fieldID: id)
    }

    public func child(field: Field) -> Node? {
        let id = tree.names.fieldIDsByField[field.rawValue]
        return id == 0 ? nil : child(fieldID: id)
    }

    private func child(fieldID id: UInt16) -> Node? {
        var child = index + 1
        let end = Int(tree.subtreeEnds[index])
        while child < end {
            if tree.fields[child] == id { return Node(index: child, tree: tree) }
            child = Int(tree.subtreeEnds[child])
        }
        return nil
    }

    public var parent: Node? {
        let parent = Int(tree.parents[index])
        return parent < 0 ? nil : Node(index: parent, tree: tree)
    }

    /// The chain of ancestors from the parent up to the root.
    public var ancestors: AnySequence<Node> {
        AnySequence(sequence(first: self, next: { $0.parent }).dropFirst())
    }

    /// Depth-first pre-order walk over this node and its descendants, iterative.
    public func preorder() -> PreorderWalk { PreorderWalk(root: self) }
}

/// The children of a node: from its first child, each next one starts where the last one's subtree ends.
struct ChildIndices: Sequence, IteratorProtocol {
    var first: Int
    let end: Int
    let tree: Tree

    mutating func next() -> Node? {
        guard first < end else { return nil }
        let node = Node(index: first, tree: tree)
        first = Int(tree.subtreeEnds[first])
        return node
    }
}

extension Node: Equatable {
    public static func == (lhs: Node, rhs: Node) -> Bool {
        lhs.tree === rhs.tree && lhs.index == rhs.index
    }
}

extension Node: Hashable {
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(tree))
        hasher.combine(index)
    }
}

extension Node: CustomStringConvertible {
    public var description: String { "\(kind)@\(start.description)" }
}

/// Pre-order traversal: the nodes are stored in pre-order, so this is a loop over indices.
public struct PreorderWalk: Sequence, IteratorProtocol {
    private let tree: Tree
    private var nextIndex: Int
    private let end: Int
    private var last: Int?

    init(root: Node) {
        tree = root.tree
        nextIndex = root.index
        end = Int(root.tree.subtreeEnds[root.index])
    }

    /// Do not descend into the children of the node last returned.
    public mutating func skipChildren() {
        if let last { nextIndex = Int(tree.subtreeEnds[last]) }
    }

    public mutating func next() -> Node? {
        guard nextIndex < end else { return nil }
        last = nextIndex
        nextIndex += 1
        return Node(index: nextIndex - 1, tree: tree)
    }
}

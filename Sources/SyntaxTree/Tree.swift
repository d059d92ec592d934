import CTreeSitter

/// An immutable syntax tree together with the bytes it was parsed from.
public final class Tree {
    let handle: OpaquePointer
    public let source: [UInt8]
    public let language: Language

    /// The grammar's node kinds by symbol, read once per tree: `Node.kind` is asked of
    /// every node of every walk, and building each name from C cost a string per call.
    let kindNames: [String]

    init(handle: OpaquePointer, source: [UInt8], language: Language) {
        self.handle = handle
        self.source = source
        self.language = language
        let grammar = ts_tree_language(handle)
        kindNames = (0..<ts_language_symbol_count(grammar)).map { symbol in
            ts_language_symbol_name(grammar, TSSymbol(symbol)).map { String(cString: $0) } ?? ""
        }
    }

    deinit { ts_tree_delete(handle) }

    public var root: Node { Node(raw: ts_tree_root_node(handle), tree: self) }

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

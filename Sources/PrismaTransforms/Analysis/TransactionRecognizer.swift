import CodemodCore
import PrismaRules
import SyntaxTree

/// A `$transaction` call on a client and what runs inside it.
public struct Transaction {
    public enum Kind: Sendable {
        /// `$transaction(async (tx) => …)`, with or without a parameter.
        case interactive
        /// `$transaction([prisma.a.create(…), prisma.b.update(…)])`.
        case array
    }

    public var kind: Kind
    /// The `$transaction(…)` call.
    public var call: Node
    /// The callback or the array: what runs as one transaction.
    public var body: Node
    /// The callback's first parameter when it is a plain name: the transaction's client.
    public var client: Node?
}

/// Recognises transactions among a file's Prisma calls and finds the one around a node.
/// Transactions are recorded in the order of a pre-order walk, so their bodies nest
/// like the tree and the innermost one around a node is found without climbing parents.
struct TransactionRecognizer {
    private(set) var transactions: [Transaction] = []
    private var index = NestingIndex()

    /// The transaction a `$transaction` call runs: its first argument is a callback or an array.
    static func transaction(of call: PrismaCall) -> Transaction? {
        guard call.method == "$transaction", let first = call.call.child(field: .arguments)?.namedChildren.first else { return nil }
        switch first.kind {
        case "arrow_function", "function_expression":
            let parameter = first.child(field: .parameters)?.namedChildren.first ?? first.child(field: .parameter)
            let name = parameter.flatMap { $0.kind == "identifier" ? $0 : $0.child(field: .pattern) }
            return Transaction(kind: .interactive, call: call.call, body: first, client: name?.kind == "identifier" ? name : nil)
        case "array":
            return Transaction(kind: .array, call: call.call, body: first, client: nil)
        default:
            return nil
        }
    }

    /// What a transaction does, from the calls it runs (`calls`: the file's, their own classes
    /// known). An array is a read when every element is a read call; anything else in it
    /// (a write, a variable, a spread) makes it a write. A callback is a read when it makes at
    /// least one Prisma call, all of them reads, and does not hand its client to other code
    /// (which may write through it); other awaits in it run outside the database and do not count.
    static func methodClass(of transaction: Transaction, calls: [PrismaCall], file: ParsedFile) -> PrismaConfiguration.MethodClass {
        switch transaction.kind {
        case .array:
            let classes = Dictionary(calls.map { ($0.operation.byteRange, $0.methodClass) }, uniquingKeysWith: { first, _ in first })
            let elements = transaction.body.namedChildren.filter { $0.kind != "comment" }
            return !elements.isEmpty && elements.allSatisfy({ classes[$0.byteRange] == .read }) ? .read : .write
        case .interactive:
            let body = transaction.body.byteRange
            let inside = calls.filter { body.contains($0.call.byteRange.lowerBound) }
            guard !inside.isEmpty, inside.allSatisfy({ $0.methodClass == .read }) else { return .write }
            return clientEscapes(transaction, in: file) ? .write : .read
        }
    }

    /// Whether the callback uses its client other than to call it (`helper(tx)`, `const t = tx`).
    private static func clientEscapes(_ transaction: Transaction, in file: ParsedFile) -> Bool {
        guard let client = transaction.client, let body = transaction.body.child(field: .body) else { return false }
        let name = file.text(client)
        var walk = body.preorder()
        while let node = walk.next() {
            guard node.kind == "identifier" || node.kind == "shorthand_property_identifier", file.text(node) == name else { continue }
            guard let parent = node.parent, parent.kind == "member_expression", parent.child(field: .object) == node else { return true }
        }
        return false
    }

    /// Adds a transaction met by a pre-order walk.
    mutating func record(_ transaction: Transaction) {
        transactions.append(transaction)
        index.append(transaction.body.byteRange)
    }

    /// The innermost transaction whose callback or array holds the node (or is it).
    func transaction(enclosing node: Node) -> Transaction? {
        index.innermost(containing: node.byteRange).map { transactions[$0] }
    }

    /// The transactions around the node, innermost first.
    func transactions(enclosing node: Node) -> [Transaction] {
        var result: [Transaction] = []
        var current = index.innermost(containing: node.byteRange)
        while let found = current {
            result.append(transactions[found])
            current = index.parents[found]
        }
        return result
    }
}

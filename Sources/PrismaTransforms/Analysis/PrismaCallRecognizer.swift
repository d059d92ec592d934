import CodemodCore
import PrismaRules
import SyntaxTree

/// One call on a Prisma client: `prisma.user.findMany(...)`, `tx.$executeRaw`...``.
public struct PrismaCall {
    /// The operation as a whole: the call, with fluent relation calls (`.posts()`) after it.
    public var operation: Node
    /// The call of the model (or client) method itself.
    public var call: Node
    /// The client expression as written (`prisma`, `this.prisma`, `tx`).
    public var client: String
    public var clientKind: ClientBinding.Kind
    public var model: String?
    public var method: String
    public var methodClass: PrismaConfiguration.MethodClass
    /// Runs on an interactive-transaction client.
    public var onTransactionClient: Bool
    /// Sits inside an array `$transaction([...])`.
    public var inArrayTransaction: Bool
    /// The innermost retry call whose callback contains the operation.
    public var retry: RetryCall?
    /// `await prisma.x.y<T>(…)` is mis-parsed with the `await` inside the call
    /// (upstream #282); then the code proper starts after it, at `codeStart`.
    public var awaitInside: Bool
    public var codeStart: Int

    /// The operation without a mis-parsed leading `await`: what wrapping encloses.
    public var expressionRange: Range<Int> {
        let range = operation.byteRange
        return (awaitInside && range.lowerBound == call.byteRange.lowerBound ? codeStart : range.lowerBound)..<range.upperBound
    }

    /// `prisma.user.findMany`, as people write it.
    public var label: String { [client, model, method].compactMap { $0 }.joined(separator: ".") }
}

/// Recognises a call on a client: a model method through a client (`prisma.user.findMany()`,
/// `this.prisma.user.create()`) or a client method (`prisma.$transaction()`, `tx.$queryRaw`…``).
/// Whether it is retried or in an array transaction is left for the file to fill in.
enum PrismaCallRecognizer {
    static func call(_ node: Node, clients: ClientRecognizer, configuration: PrismaConfiguration) -> PrismaCall? {
        let file = clients.scopes.file
        guard var function = node.child(field: "function") else { return nil }
        var awaitInside = false
        if function.kind == "await_expression", let inner = function.namedChildren.first, inner.kind == "member_expression" {
            function = inner
            awaitInside = true
        }
        guard function.kind == "member_expression",
              let object = function.child(field: "object"), let property = function.child(field: "property") else { return nil }
        let method = file.text(property)
        var client: ClientBinding?
        var clientNode = object
        var model: String?
        if object.kind == "member_expression", let inner = object.child(field: "object"),
           let modelNode = object.child(field: "property"), let found = clients.binding(for: inner) {
            let modelName = file.text(modelNode)
            guard !modelName.hasPrefix("$") else { return nil }
            client = found
            clientNode = inner
            model = modelName
        } else if method.hasPrefix("$"), let found = clients.binding(for: object) {
            client = found
        }
        guard let client else { return nil }
        return PrismaCall(
            operation: operation(of: node, in: file), call: node, client: file.text(clientNode), clientKind: client.kind,
            model: model, method: method, methodClass: configuration.classify(method),
            onTransactionClient: client.kind == .transactionClient, inArrayTransaction: false, retry: nil,
            awaitInside: awaitInside, codeStart: function.byteRange.lowerBound)
    }

    /// Extends a call through fluent relation calls: `prisma.user.findUnique(...).posts()`.
    static func operation(of call: Node, in file: ParsedFile) -> Node {
        var current = call
        while let member = current.parent, member.kind == "member_expression",
              member.child(field: "object") == current,
              let outer = member.parent, outer.kind == "call_expression", outer.child(field: "function") == member,
              let property = member.child(field: "property"),
              !["then", "catch", "finally"].contains(file.text(property)) {
            current = outer
        }
        return current
    }
}

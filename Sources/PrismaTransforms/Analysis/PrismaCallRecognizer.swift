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
    /// What the call does: by its method, refined by its SQL (raw queries) or by what it
    /// runs (`$transaction`, filled in by the file once its inner calls are known).
    public var methodClass: PrismaConfiguration.MethodClass
    /// Why a raw query is `other`: its SQL is not literal, or says nothing of reading or writing.
    public var classReason: String?
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
        guard var function = node.child(field: .function) else { return nil }
        var awaitInside = false
        if function.kind == "await_expression", let inner = function.namedChildren.first, inner.kind == "member_expression" {
            function = inner
            awaitInside = true
        }
        guard function.kind == "member_expression",
              let object = function.child(field: .object), let property = function.child(field: .property) else { return nil }
        let method = file.text(property)
        var client: ClientBinding?
        var clientNode = object
        var model: String?
        if object.kind == "member_expression", let inner = object.child(field: .object),
           let modelNode = object.child(field: .property), let found = clients.binding(for: inner) {
            let modelName = file.text(modelNode)
            guard !modelName.hasPrefix("$") else { return nil }
            client = found
            clientNode = inner
            model = modelName
        } else if method.hasPrefix("$"), let found = clients.binding(for: object) {
            client = found
        }
        guard let client else { return nil }
        var methodClass = configuration.classify(method)
        var classReason: String?
        if model == nil, rawQueryMethods.contains(method) {
            switch sqlFragments(of: node, in: file).map(SQLClassifier.classify) {
            case .read?: methodClass = .read
            case .write?: methodClass = .write
            case .unknown(let reason)?: methodClass = .other; classReason = reason
            case nil: methodClass = .other; classReason = "raw SQL not literal; read or write unknown"
            }
        }
        return PrismaCall(
            operation: operation(of: node, in: file), call: node, client: file.text(clientNode), clientKind: client.kind,
            model: model, method: method, methodClass: methodClass, classReason: classReason,
            onTransactionClient: client.kind == .transactionClient, inArrayTransaction: false, retry: nil,
            awaitInside: awaitInside, codeStart: function.byteRange.lowerBound)
    }

    /// Client methods that run SQL whose text says whether they read or write. `$executeRaw…`
    /// always write (they return a row count), so their names say it all.
    static let rawQueryMethods: Set<String> = ["$queryRaw", "$queryRawUnsafe", "$queryRawTyped"]

    /// The literal SQL of a raw query, as the text around its substitutions: a tagged template
    /// (`$queryRaw\`SELECT …\``), or a first argument that is a string, a template literal
    /// or a `Prisma.sql\`…\`` template. Nil when the SQL is built elsewhere (a variable,
    /// `Prisma.raw(…)`, `Prisma.join(…)`, `$queryRawTyped(fromSqlFile())`, concatenation).
    static func sqlFragments(of call: Node, in file: ParsedFile) -> [String]? {
        guard let arguments = call.child(field: .arguments) else { return nil }
        if arguments.kind == "template_string" { return templateFragments(arguments, in: file) }
        guard var first = arguments.namedChildren.first(where: { $0.kind != "comment" }) else { return nil }
        while first.kind == "parenthesized_expression", let inner = first.namedChildren.first { first = inner }
        switch first.kind {
        case "string":
            return [String(file.text(first).dropFirst().dropLast())]
        case "template_string":
            return templateFragments(first, in: file)
        case "call_expression":
            guard let tag = first.child(field: .function), ["Prisma.sql", "sql"].contains(file.text(tag)),
                  let template = first.child(field: .arguments), template.kind == "template_string" else { return nil }
            return templateFragments(template, in: file)
        default:
            return nil
        }
    }

    /// A template literal's text between the backticks, cut at each `${…}`.
    private static func templateFragments(_ template: Node, in file: ParsedFile) -> [String] {
        let range = template.byteRange
        guard range.count >= 2 else { return [] }
        var fragments: [String] = []
        var start = range.lowerBound + 1
        for substitution in template.namedChildren where substitution.kind == "template_substitution" {
            fragments.append(file.text(start..<substitution.byteRange.lowerBound))
            start = substitution.byteRange.upperBound
        }
        fragments.append(file.text(start..<(range.upperBound - 1)))
        return fragments
    }

    /// Extends a call through fluent relation calls: `prisma.user.findUnique(...).posts()`.
    static func operation(of call: Node, in file: ParsedFile) -> Node {
        var current = call
        while let member = current.parent, member.kind == "member_expression",
              member.child(field: .object) == current,
              let outer = member.parent, outer.kind == "call_expression", outer.child(field: .function) == member,
              let property = member.child(field: .property),
              !["then", "catch", "finally"].contains(file.text(property)) {
            current = outer
        }
        return current
    }
}

import CodemodCore
import PrismaRules
import SyntaxTree

/// Something the analysis can see but not follow, reported rather than guessed.
public struct Unanalysable {
    public var node: Node
    public var reason: String
}

/// A retry call and the Prisma operations its callback makes. It retries what its
/// operations do together: a read retry only when all of them read, a write retry when
/// any of them writes (the reads are then retried with the write, as one block).
public struct RetryBlock {
    public var retry: RetryCall
    /// The operations directly in the callback, in source order; statements of a retried
    /// `$transaction`, or calls in another call's arguments, are part of that call.
    public var calls: [PrismaCall]

    /// `write` when any operation writes, `read` when all read, else `other` (a raw query
    /// whose SQL says nothing, and no write).
    public var methodClass: PrismaConfiguration.MethodClass {
        if calls.contains(where: { $0.methodClass == .write }) { return .write }
        return calls.allSatisfy({ $0.methodClass == .read }) ? .read : .other
    }

    /// Reads retried together with writes.
    public var isMixed: Bool {
        calls.contains { $0.methodClass == .read } && calls.contains { $0.methodClass == .write }
    }

    static func blocks(_ retries: [RetryCall], calls: [PrismaCall]) -> [RetryBlock] {
        let byRetry = Dictionary(grouping: calls.filter { $0.retry != nil }) { $0.retry?.call.byteRange.lowerBound ?? -1 }
        return retries.compactMap { retry in
            let retried = byRetry[retry.call.byteRange.lowerBound] ?? []
            let direct = retried.filter { call in
                !retried.contains { $0.operation != call.operation && $0.operation.byteRange.contains(call.operation.byteRange.lowerBound) }
            }
            return direct.isEmpty ? nil : RetryBlock(retry: retry, calls: direct)
        }
    }
}

/// What a file does with Prisma: clients, instances, imports, calls, retry wrappers and
/// transactions. The one place the rest of the code asks; questions about a place in the
/// file take its node. Built from a scope tree and one recogniser per concern.
public struct PrismaFile {
    public let file: ParsedFile
    public let context: PrismaContext
    /// The file's TypeScript scopes: which declaration each name refers to.
    public let scopes: ScopeTree
    private var clients: ClientRecognizer
    private var retries: RetryRecognizer
    private var transactionIndex = TransactionRecognizer()
    public private(set) var calls: [PrismaCall] = []
    public private(set) var retryCalls: [RetryCall] = []
    public private(set) var unanalysable: [Unanalysable] = []
    /// Every retry call whose callback makes a Prisma call, with what it retries.
    public private(set) var retryBlocks: [RetryBlock] = []

    public init(file: ParsedFile, context: PrismaContext) {
        self.file = file
        self.context = context
        scopes = ScopeTree(file: file)
        clients = ClientRecognizer(scopes: scopes, context: context)
        retries = RetryRecognizer(file: file, context: context)
        collectCalls()
        // A left-out statement (no Prisma text) could still use a client or the helper through a
        // name bound here (`const db = prisma`, `Repo.db`, `retry` imported as): then it is not left out.
        file.omitted?.assumeUnused(clients.namesReachingClients + retries.names)
    }

    public var instances: [ClientInstance] { clients.instances }
    public var centralImports: [CentralImport] { clients.centralImports }
    /// Local names of the client class (`PrismaClient`, or its alias).
    public var clientClassNames: Set<String> { clients.clientClassNames }
    /// The `@prisma/client` value and type imports.
    public var clientPackageImports: [ImportStatement] { clients.clientPackageImports }
    public var retryImports: [RetryImport] { retries.imports }
    /// The names the retry helper goes by in this file.
    public var retryNames: Set<String> { retries.names }
    /// Every `$transaction` callback and array, in source order.
    public var transactions: [Transaction] { transactionIndex.transactions }

    /// The client a client expression (`prisma`, `this.prisma`) refers to at its place.
    public func binding(for expression: Node) -> ClientBinding? {
        clients.binding(for: expression)
    }

    /// The innermost `$transaction` callback or array that holds the node.
    public func transaction(enclosing node: Node) -> Transaction? {
        transactionIndex.transaction(enclosing: node)
    }

    /// Whether the node lies in a `$transaction` callback or array.
    public func isInsideTransaction(_ node: Node) -> Bool {
        transaction(enclosing: node) != nil
    }

    /// Node kinds that start a function: a new scope for parameters and `await`.
    static var functionKinds: Set<String> { ScopeTree.functionKinds }

    /// Names the file declares with a variable, a function or a parameter, anywhere.
    static func declaredNames(in file: ParsedFile) -> Set<String> {
        var names = Set<String>()
        for node in file.root.preorder() {
            switch node.kind {
            case "variable_declarator", "function_declaration":
                if let name = node.child(field: .name), name.kind == "identifier" { names.insert(file.text(name)) }
            case "required_parameter", "optional_parameter":
                if let pattern = node.child(field: .pattern), pattern.kind == "identifier" { names.insert(file.text(pattern)) }
            case "formal_parameters":
                // JavaScript's parameters stand bare in the list.
                for parameter in node.namedChildren where parameter.kind == "identifier" { names.insert(file.text(parameter)) }
            default:
                break
            }
        }
        return names
    }

    /// `await import('../utils/prisma')`: listed, never rewritten.
    private func isDynamicImportOfCentralModule(_ call: Node) -> Bool {
        guard call.child(field: .function)?.kind == "import",
              let argument = call.child(field: .arguments)?.namedChildren.first, argument.kind == "string" else { return false }
        let specifier = String(file.text(argument).dropFirst().dropLast())
        return context.isCentral(key: context.resolver.resolve(specifier, from: file.path))
    }

    // MARK: - Calls

    /// One walk in source order: a `$transaction` call is met before the calls in its
    /// callback, so its parameter is a transaction client by the time they are.
    private mutating func collectCalls() {
        var usedRetryNames = Set<String>()
        // Most identifiers are not a retry helper's name: their length says so without making a String.
        let retryNameLengths = Set(retries.names.map(\.utf8.count))
        var walk = file.root.preorder()
        while let node = walk.next() {
            guard node.isNamed, let role = Self.callWalkRoles[node] else { continue }  // tokens are passed over
            switch role {
            case .importStatement:
                if clients.namespaceImports.contains(node.byteRange.lowerBound) {
                    unanalysable.append(Unanalysable(node: node, reason: "the central module is imported as a namespace; calls through it are not analysed"))
                }
                walk.skipChildren()
            case .subscriptExpression:
                if let object = node.child(field: .object), binding(for: object) != nil {
                    unanalysable.append(Unanalysable(node: node, reason: "\(file.text(node)) picks a model by name; calls through it are not analysed"))
                }
            case .declarator:
                if let name = node.child(field: .name), name.kind == "object_pattern",
                   let value = node.child(field: .value), binding(for: value) != nil {
                    unanalysable.append(Unanalysable(node: node, reason: "model delegates destructured from \(file.text(value)); calls through them are not analysed"))
                }
            case .identifier:
                guard retryNameLengths.contains(node.byteRange.count) else { continue }
                let name = file.text(node)
                if retries.names.contains(name) { usedRetryNames.insert(name) }
            case .call:
                if isDynamicImportOfCentralModule(node) {
                    unanalysable.append(Unanalysable(node: node, reason: "the central module is imported dynamically (import()); calls through it are not analysed"))
                }
                if let retry = retries.call(node) { retryCalls.append(retry) }
                if let call = PrismaCallRecognizer.call(node, clients: clients, configuration: context.configuration) {
                    if let transaction = TransactionRecognizer.transaction(of: call) {
                        transactionIndex.record(transaction)
                        if let client = transaction.client { clients.markTransactionClient(client) }
                    }
                    calls.append(call)
                } else if let reason = UnfollowedShapes.unfollowedCall(node, in: self, schemaModels: context.schemaModels) {
                    unanalysable.append(Unanalysable(node: node, reason: reason))
                }
            case .member:
                recordDelegateUse(node)
                if let reason = UnfollowedShapes.methodReference(node, in: self) {
                    unanalysable.append(Unanalysable(node: node, reason: reason))
                }
            }
        }
        retries.noteUsedNames(usedRetryNames)
        classifyTransactions()
        let enclosingRetries = RetryRecognizer.enclosingRetries(of: calls, in: retryCalls)
        for index in calls.indices {
            let around = transactionIndex.transactions(enclosing: calls[index].call)
            calls[index].inArrayTransaction = around.contains { $0.kind == .array }
            // A statement of a transaction that is retried as a whole is not retried on its own.
            if let retry = enclosingRetries[index], let callback = retry.callback?.byteRange, let transaction = around.first,
               callback.contains(transaction.body.byteRange.lowerBound) {
                calls[index].retry = nil
            } else {
                calls[index].retry = enclosingRetries[index]
            }
        }
        retryBlocks = RetryBlock.blocks(retryCalls, calls: calls)
    }

    private enum CallWalkRole: Sendable { case importStatement, subscriptExpression, declarator, identifier, call, member }

    private static let callWalkRoles = KindMap<CallWalkRole>([
        "import_statement": .importStatement, "subscript_expression": .subscriptExpression, "variable_declarator": .declarator,
        "identifier": .identifier, "shorthand_property_identifier": .identifier, "call_expression": .call,
        "member_expression": .member,
    ])

    /// A `$transaction` call is what it runs: inner transactions first (the calls are in
    /// pre-order, so backwards), as an outer one's class depends on theirs.
    private mutating func classifyTransactions() {
        guard !transactions.isEmpty else { return }
        let byCall = Dictionary(transactions.map { ($0.call.byteRange.lowerBound, $0) }, uniquingKeysWith: { first, _ in first })
        for index in calls.indices.reversed() {
            guard let transaction = byCall[calls[index].call.byteRange.lowerBound] else { continue }
            calls[index].methodClass = TransactionRecognizer.methodClass(of: transaction, calls: calls, file: file)
        }
    }

    /// `prisma.product` used as a value (`super(prisma.product)`): calls through it cannot be followed.
    private mutating func recordDelegateUse(_ node: Node) {
        guard let object = node.child(field: .object), let property = node.child(field: .property),
              binding(for: object) != nil, !file.text(property).hasPrefix("$") else { return }
        if let parent = node.parent, parent.kind == "member_expression", parent.child(field: .object) == node { return }
        guard !UnfollowedShapes.isInType(node) else { return }
        unanalysable.append(Unanalysable(
            node: node,
            reason: "model delegate \(file.text(node)) is used as a value; calls through it are not analysed"))
    }

    /// Files importing both the central client and creating their own, or
    /// importing the retry helper without using it.
    public var halfMigrationReasons: [String] {
        var reasons: [String] = []
        if !centralImports.isEmpty, instances.contains(where: { $0.variable != nil }) {
            reasons.append("imports the central client and also creates a \(context.configuration.clientClass)")
        }
        for retryImport in retryImports where !retryImport.isUsed {
            reasons.append("imports \(retryImport.specifier.localName) but never calls it")
        }
        return reasons
    }
}

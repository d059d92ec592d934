import CodemodCore
import PrismaRules
import SyntaxTree

/// Something the analysis can see but not follow, reported rather than guessed.
public struct Unanalysable {
    public var node: Node
    public var reason: String
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

    public init(file: ParsedFile, context: PrismaContext) {
        self.file = file
        self.context = context
        scopes = ScopeTree(file: file)
        clients = ClientRecognizer(scopes: scopes, context: context)
        retries = RetryRecognizer(file: file, context: context)
        collectCalls()
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
                if let name = node.child(field: "name"), name.kind == "identifier" { names.insert(file.text(name)) }
            case "required_parameter", "optional_parameter":
                if let pattern = node.child(field: "pattern"), pattern.kind == "identifier" { names.insert(file.text(pattern)) }
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
        guard call.child(field: "function")?.kind == "import",
              let argument = call.child(field: "arguments")?.namedChildren.first, argument.kind == "string" else { return false }
        let specifier = String(file.text(argument).dropFirst().dropLast())
        return context.isCentral(key: context.resolver.resolve(specifier, from: file.path))
    }

    // MARK: - Calls

    /// One walk in source order: a `$transaction` call is met before the calls in its
    /// callback, so its parameter is a transaction client by the time they are.
    private mutating func collectCalls() {
        var usedRetryNames = Set<String>()
        var walk = file.root.preorder()
        while let node = walk.next() {
            guard node.isNamed else { continue }  // every kind below is a named node; tokens are passed over
            switch node.kind {
            case "import_statement":
                if clients.namespaceImports.contains(node.byteRange.lowerBound) {
                    unanalysable.append(Unanalysable(node: node, reason: "the central module is imported as a namespace; calls through it are not analysed"))
                }
                walk.skipChildren()
            case "subscript_expression":
                if let object = node.child(field: "object"), binding(for: object) != nil {
                    unanalysable.append(Unanalysable(node: node, reason: "\(file.text(node)) picks a model by name; calls through it are not analysed"))
                }
            case "variable_declarator":
                if let name = node.child(field: "name"), name.kind == "object_pattern",
                   let value = node.child(field: "value"), binding(for: value) != nil {
                    unanalysable.append(Unanalysable(node: node, reason: "model delegates destructured from \(file.text(value)); calls through them are not analysed"))
                }
            case "identifier", "shorthand_property_identifier":
                let name = file.text(node)
                if retries.names.contains(name) { usedRetryNames.insert(name) }
            case "call_expression":
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
                }
            case "member_expression":
                recordDelegateUse(node)
            default:
                break
            }
        }
        retries.noteUsedNames(usedRetryNames)
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
    }

    /// `prisma.product` used as a value (`super(prisma.product)`): calls through it cannot be followed.
    private mutating func recordDelegateUse(_ node: Node) {
        guard let object = node.child(field: "object"), let property = node.child(field: "property"),
              binding(for: object) != nil, !file.text(property).hasPrefix("$") else { return }
        if let parent = node.parent, parent.kind == "member_expression", parent.child(field: "object") == node { return }
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

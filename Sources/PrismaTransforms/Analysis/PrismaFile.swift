import CodemodCore
import PrismaRules
import SyntaxTree

/// A name through which a file reaches a Prisma client.
public struct ClientBinding: Equatable, Sendable {
    public enum Kind: String, Sendable, Codable {
        /// `import { prisma } from '../utils/prisma'`, also aliased or default.
        case centralImport
        /// `const prisma = new PrismaClient()`.
        case localInstance
        /// `this.prisma`, from a class field or a constructor parameter property.
        case classProperty
        /// A parameter typed `PrismaClient`.
        case parameter
        /// The first parameter of a `$transaction(async (tx) => …)` callback.
        case transactionClient
    }

    /// `prisma`, `db`, or `this.prisma`.
    public var name: String
    public var kind: Kind
    /// Where the name is in scope.
    public var scope: Range<Int>
}

/// A `new PrismaClient(...)` site.
public struct ClientInstance {
    public var expression: Node
    /// The variable it is assigned to, if any.
    public var variable: String?
    public var hasOptions: Bool
    /// Declared at the top level of the module (not in a function or class).
    public var isTopLevel: Bool
    public var isExported: Bool
    /// The whole `const x = new PrismaClient();` statement when it is a plain top-level one.
    public var declaration: Node?
}

/// The import of the shared client from the central module.
public struct CentralImport: Sendable {
    public var statement: ImportStatement
    /// The named specifier; nil for a default import.
    public var specifier: ImportSpecifier?
    public var localName: String
}

/// An import of the retry helper.
public struct RetryImport: Sendable {
    public var statement: ImportStatement
    public var specifier: ImportSpecifier
    public var isUsed: Bool
}

/// A call of the retry helper: `executeWithRetry(() => …, …)`.
public struct RetryCall {
    /// The helper's name as the file spells it.
    public var helper: String
    /// The whole call. When the grammar mis-parses `await f<T>(…)` (upstream #282),
    /// the `await` sits inside this node's function; `awaitInside` says so.
    public var call: Node
    public var awaitInside: Bool
    public var typeArguments: Node?
    /// The first argument when it is a function: the operation to retry.
    public var callback: Node?
    public var arguments: [Node]
}

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

/// Something the analysis can see but not follow, reported rather than guessed.
public struct Unanalysable {
    public var node: Node
    public var reason: String
}

/// What a file does with Prisma: bindings, instances, imports, calls, retry wrappers.
public struct PrismaFile {
    public let file: ParsedFile
    public let context: PrismaContext
    public private(set) var bindings: [ClientBinding] = []
    public private(set) var instances: [ClientInstance] = []
    public private(set) var centralImports: [CentralImport] = []
    public private(set) var retryImports: [RetryImport] = []
    /// The names the retry helper goes by in this file.
    public private(set) var retryNames: Set<String> = []
    /// Local names of the client class (`PrismaClient`, or its alias).
    public private(set) var clientClassNames: Set<String> = []
    /// The `@prisma/client` value and type imports.
    public private(set) var clientPackageImports: [ImportStatement] = []
    public private(set) var calls: [PrismaCall] = []
    public private(set) var retryCalls: [RetryCall] = []
    public private(set) var unanalysable: [Unanalysable] = []
    /// Starts of `import * as db from '<central module>'` statements, reported as not analysable.
    private var namespaceImports: Set<Int> = []
    /// Byte ranges of the callbacks passed to `$transaction(async (tx) => …)`, with or without a parameter.
    private var transactionCallbacks: [Range<Int>] = []
    /// Parameters that hide a client's name inside their function.
    private var shadows: [(name: String, scope: Range<Int>)] = []
    /// Byte ranges of the arrays passed to `$transaction([…])`.
    public private(set) var arrayTransactions: [Range<Int>] = []

    public init(file: ParsedFile, context: PrismaContext) {
        self.file = file
        self.context = context
        readImports()
        collectDeclarations()
        collectCalls()
    }

    private var configuration: PrismaConfiguration { context.configuration }

    /// The binding a client expression (`prisma`, `this.prisma`) refers to at its place.
    public func binding(for expression: Node) -> ClientBinding? {
        guard let name = Self.clientName(of: expression, in: file) else { return nil }
        let offset = expression.byteRange.lowerBound
        let binding = bindings
            .filter { $0.name == name && $0.scope.contains(offset) }
            .min { $0.scope.count < $1.scope.count }
        // A parameter of the same name in a closer scope is something else.
        if let binding, shadows.contains(where: { $0.name == name && $0.scope.contains(offset) && $0.scope.count < binding.scope.count }) {
            return nil
        }
        return binding
    }

    static func clientName(of expression: Node, in file: ParsedFile) -> String? {
        switch expression.kind {
        case "identifier":
            return file.text(expression)
        case "member_expression":
            guard let object = expression.child(field: "object"), object.kind == "this",
                  let property = expression.child(field: "property") else { return nil }
            return "this." + file.text(property)
        default:
            return nil
        }
    }

    // MARK: - Imports

    private mutating func readImports() {
        let wholeFile = 0..<file.bytes.count
        retryNames = Set(configuration.retryHelpers)
        clientClassNames = [configuration.clientClass]
        for statement in file.imports {
            if statement.module == configuration.clientPackage {
                clientPackageImports.append(statement)
                for specifier in statement.named where specifier.name == configuration.clientClass && !specifier.isType {
                    clientClassNames.insert(specifier.localName)
                }
                continue
            }
            let key = context.resolver.resolve(statement.module, from: file.path)
            let fromCentral = context.isCentral(key: key)
            if fromCentral, statement.namespaceName != nil {
                namespaceImports.insert(statement.range.lowerBound)
            }
            if fromCentral, !statement.isTypeOnly {
                if context.clientExports.contains("default"), let name = statement.defaultName {
                    centralImports.append(CentralImport(statement: statement, specifier: nil, localName: name))
                    bindings.append(ClientBinding(name: name, kind: .centralImport, scope: wholeFile))
                }
                for specifier in statement.named where context.clientExports.contains(specifier.name) && !specifier.isType {
                    centralImports.append(CentralImport(statement: statement, specifier: specifier, localName: specifier.localName))
                    bindings.append(ClientBinding(name: specifier.localName, kind: .centralImport, scope: wholeFile))
                }
            }
            // The helper counts under any name it is imported as, from its module or the central one.
            if key != nil, key == context.retryModuleKey || fromCentral, !statement.isTypeOnly {
                for specifier in statement.named where configuration.retryHelpers.contains(specifier.name) && !specifier.isType {
                    retryNames.insert(specifier.localName)
                    retryImports.append(RetryImport(statement: statement, specifier: specifier, isUsed: false))
                }
            }
        }
    }

    // MARK: - Declarations: instances, class properties, typed parameters

    private mutating func collectDeclarations() {
        var walk = file.root.preorder()
        while let node = walk.next() {
            switch node.kind {
            case "new_expression":
                if let constructor = node.child(field: "constructor"), clientClassNames.contains(file.text(constructor)) {
                    recordInstance(node)
                }
            case "public_field_definition":
                if let name = node.child(field: "name"), let type = node.child(field: "type"),
                   isClientType(type), let scope = enclosing(node, kinds: ["class_body"]) {
                    bindings.append(ClientBinding(name: "this." + file.text(name), kind: .classProperty, scope: scope.byteRange))
                }
            case "required_parameter", "optional_parameter":
                guard let pattern = node.child(field: "pattern"), let function = enclosing(node, kinds: Self.functionKinds) else { break }
                guard pattern.kind == "identifier" else {
                    // `({ prisma }: Deps) => …`: every name the pattern binds hides a client of that name.
                    for name in boundNames(in: pattern) { shadows.append((name, function.byteRange)) }
                    break
                }
                let name = file.text(pattern)
                guard let type = node.child(field: "type"), isClientType(type) else {
                    if let type = node.child(field: "type"), file.text(type).contains("TransactionClient") {
                        // `tx: Prisma.TransactionClient`: a transaction's client, whatever its name.
                        bindings.append(ClientBinding(name: name, kind: .transactionClient, scope: function.byteRange))
                    } else {
                        shadows.append((name, function.byteRange))
                    }
                    break
                }
                bindings.append(ClientBinding(name: name, kind: .parameter, scope: function.byteRange))
                let isPropertyParameter = node.namedChildren.contains { $0.kind == "accessibility_modifier" }
                    || node.children.contains { $0.kind == "readonly" }
                if isPropertyParameter, let classBody = enclosing(node, kinds: ["class_body"]) {
                    bindings.append(ClientBinding(name: "this." + name, kind: .classProperty, scope: classBody.byteRange))
                }
            case "arrow_function":
                // `prisma => …`: a parameter without parentheses hides a client of that name.
                if let parameter = node.child(field: "parameter"), parameter.kind == "identifier" {
                    shadows.append((file.text(parameter), node.byteRange))
                }
            case "variable_declarator":
                recordLocalVariable(node)
            case "for_in_statement":
                // `for (const prisma of list)`
                if let left = node.child(field: "left") {
                    for name in boundNames(in: left) { shadows.append((name, node.byteRange)) }
                }
            case "catch_clause":
                if let parameter = node.child(field: "parameter") {
                    for name in boundNames(in: parameter) { shadows.append((name, node.byteRange)) }
                }
            default:
                break
            }
        }
    }

    /// A local variable hides a client of its name in its block, unless it is a client
    /// itself: `new PrismaClient()` (recorded as an instance) or `prisma.$extends(…)`.
    private mutating func recordLocalVariable(_ declarator: Node) {
        guard let name = declarator.child(field: "name"), let block = enclosing(declarator, kinds: ["statement_block"]) else { return }
        let value = declarator.child(field: "value")
        if value?.kind == "new_expression" { return }
        if let value, value.kind == "call_expression", let function = value.child(field: "function"), function.kind == "member_expression",
           let object = function.child(field: "object"), let property = function.child(field: "property"),
           file.text(property) == "$extends", let source = binding(for: object), name.kind == "identifier" {
            bindings.append(ClientBinding(name: file.text(name), kind: source.kind, scope: block.byteRange))
            return
        }
        for bound in boundNames(in: name) { shadows.append((bound, block.byteRange)) }
    }

    /// Names the file declares with a variable, a function or a parameter, anywhere.
    static func declaredNames(in file: ParsedFile) -> Set<String> {
        var names = Set<String>()
        for node in file.root.preorder() {
            switch node.kind {
            case "variable_declarator", "function_declaration":
                if let name = node.child(field: "name"), name.kind == "identifier" { names.insert(file.text(name)) }
            case "required_parameter", "optional_parameter":
                if let pattern = node.child(field: "pattern"), pattern.kind == "identifier" { names.insert(file.text(pattern)) }
            default:
                break
            }
        }
        return names
    }

    /// The identifiers a binding pattern declares (`x`, `{ a, b: c }`, `[d, ...e]`).
    private func boundNames(in pattern: Node) -> [String] {
        if pattern.kind == "identifier" { return [file.text(pattern)] }
        var names: [String] = []
        var walk = pattern.preorder()
        while let node = walk.next() {
            switch node.kind {
            case "identifier", "shorthand_property_identifier_pattern":
                // In `{ key: value }` only the value side is declared.
                if let parent = node.parent, parent.kind == "pair_pattern", parent.child(field: "key") == node { continue }
                names.append(file.text(node))
            case "type_annotation", "default_value":
                walk.skipChildren()
            default:
                break
            }
        }
        return names
    }

    /// Node kinds that start a function: a new scope for parameters and `await`.
    static let functionKinds: Set<String> = [
        "arrow_function", "function_expression", "function_declaration", "method_definition",
        "generator_function", "generator_function_declaration",
    ]

    private func isClientType(_ annotation: Node) -> Bool {
        let text = String(file.text(annotation).drop { $0 == ":" || $0 == " " })
        return clientClassNames.contains(text) || configuration.clientTypes.contains(text)
    }

    private func enclosing(_ node: Node, kinds: Set<String>) -> Node? {
        node.ancestors.first { kinds.contains($0.kind) }
    }

    private mutating func recordInstance(_ expression: Node) {
        let hasOptions = (expression.child(field: "arguments")?.namedChildCount ?? 0) > 0
        var instance = ClientInstance(expression: expression, variable: nil, hasOptions: hasOptions,
                                      isTopLevel: false, isExported: false, declaration: nil)
        guard let parent = expression.parent else { return }
        switch parent.kind {
        case "variable_declarator":
            guard let name = parent.child(field: "name"), name.kind == "identifier" else { break }
            instance.variable = file.text(name)
            let declaration = parent.parent
            let container = declaration?.parent
            instance.isExported = container?.kind == "export_statement"
            let statementParent = instance.isExported ? container?.parent : container
            instance.isTopLevel = statementParent?.kind == "program"
            if instance.isTopLevel, !instance.isExported, let declaration, declaration.namedChildCount == 1 {
                instance.declaration = declaration
            }
            let scope = instance.isTopLevel ? file.root : (enclosing(parent, kinds: ["statement_block", "class_body"]) ?? file.root)
            bindings.append(ClientBinding(name: file.text(name), kind: .localInstance, scope: scope.byteRange))
        case "public_field_definition":
            if let name = parent.child(field: "name"), let classBody = enclosing(parent, kinds: ["class_body"]) {
                instance.variable = "this." + file.text(name)
                bindings.append(ClientBinding(name: "this." + file.text(name), kind: .classProperty, scope: classBody.byteRange))
            }
        case "assignment_expression":
            if let left = parent.child(field: "left"), let name = Self.clientName(of: left, in: file) {
                instance.variable = name
                let scope = name.hasPrefix("this.") ? enclosing(parent, kinds: ["class_body"]) : nil
                bindings.append(ClientBinding(name: name, kind: name.hasPrefix("this.") ? .classProperty : .localInstance,
                                              scope: (scope ?? file.root).byteRange))
            }
        default:
            break
        }
        instances.append(instance)
    }

    // MARK: - Calls

    private mutating func collectCalls() {
        var usedRetryNames = Set<String>()
        var walk = file.root.preorder()
        while let node = walk.next() {
            switch node.kind {
            case "import_statement":
                if namespaceImports.contains(node.byteRange.lowerBound) {
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
                if retryNames.contains(name) { usedRetryNames.insert(name) }
            case "call_expression":
                if let retry = retryCall(node) { retryCalls.append(retry) }
                recordPrismaCall(node)
            case "member_expression":
                recordDelegateUse(node)
            default:
                break
            }
        }
        for index in retryImports.indices {
            retryImports[index].isUsed = usedRetryNames.contains(retryImports[index].specifier.localName)
        }
        let retries = enclosingRetries()
        for index in calls.indices {
            let start = calls[index].call.byteRange.lowerBound
            calls[index].inArrayTransaction = arrayTransactions.contains { $0.contains(start) }
            // A statement of a transaction that is retried as a whole is not retried on its own.
            if let retry = retries[index], let callback = retry.callback?.byteRange,
               (transactionCallbacks + arrayTransactions).contains(where: { $0.contains(start) && callback.contains($0.lowerBound) }) {
                calls[index].retry = nil
            } else {
                calls[index].retry = retries[index]
            }
        }
    }

    /// The retry call when `node` calls the helper, including the mis-parsed `await f<T>(…)`.
    func retryCall(_ node: Node) -> RetryCall? {
        guard let function = node.child(field: "function") else { return nil }
        var awaitInside = false
        var callee = function
        if function.kind == "await_expression", let inner = function.namedChildren.first {
            awaitInside = true
            callee = inner
        }
        guard callee.kind == "identifier", retryNames.contains(file.text(callee)) else { return nil }
        let arguments = node.child(field: "arguments")?.namedChildren.filter { $0.kind != "comment" } ?? []
        let first = arguments.first
        let callback = first.flatMap { ["arrow_function", "function_expression"].contains($0.kind) ? $0 : nil }
        return RetryCall(helper: file.text(callee), call: node, awaitInside: awaitInside,
                         typeArguments: node.child(field: "type_arguments"), callback: callback, arguments: arguments)
    }

    private mutating func recordPrismaCall(_ node: Node) {
        guard var function = node.child(field: "function") else { return }
        var awaitInside = false
        if function.kind == "await_expression", let inner = function.namedChildren.first, inner.kind == "member_expression" {
            function = inner
            awaitInside = true
        }
        guard function.kind == "member_expression",
              let object = function.child(field: "object"), let property = function.child(field: "property") else { return }
        let method = file.text(property)
        var client: ClientBinding?
        var clientNode = object
        var model: String?
        if object.kind == "member_expression", let inner = object.child(field: "object"),
           let modelNode = object.child(field: "property"), let found = binding(for: inner) {
            let modelName = file.text(modelNode)
            guard !modelName.hasPrefix("$") else { return }
            client = found
            clientNode = inner
            model = modelName
        } else if method.hasPrefix("$"), let found = binding(for: object) {
            client = found
        }
        guard let client else { return }

        if method == "$transaction", let first = node.child(field: "arguments")?.namedChildren.first {
            if ["arrow_function", "function_expression"].contains(first.kind) {
                transactionCallbacks.append(first.byteRange)
            }
            if ["arrow_function", "function_expression"].contains(first.kind),
               let parameter = first.child(field: "parameters")?.namedChildren.first ?? first.child(field: "parameter"),
               let name = parameter.kind == "identifier" ? parameter : parameter.child(field: "pattern"), name.kind == "identifier" {
                bindings.append(ClientBinding(name: file.text(name), kind: .transactionClient, scope: first.byteRange))
            } else if first.kind == "array" {
                arrayTransactions.append(first.byteRange)
            }
        }
        calls.append(PrismaCall(
            operation: Self.operation(of: node, in: file), call: node, client: file.text(clientNode), clientKind: client.kind,
            model: model, method: method, methodClass: configuration.classify(method),
            onTransactionClient: client.kind == .transactionClient, inArrayTransaction: false, retry: nil,
            awaitInside: awaitInside, codeStart: function.byteRange.lowerBound))
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

    /// `prisma.product` used as a value (`super(prisma.product)`): calls through it cannot be followed.
    private mutating func recordDelegateUse(_ node: Node) {
        guard let object = node.child(field: "object"), let property = node.child(field: "property"),
              binding(for: object) != nil, !file.text(property).hasPrefix("$") else { return }
        if let parent = node.parent, parent.kind == "member_expression", parent.child(field: "object") == node { return }
        unanalysable.append(Unanalysable(
            node: node,
            reason: "model delegate \(file.text(node)) is used as a value; calls through it are not analysed"))
    }

    /// For each call, the innermost retry call whose callback holds its operation: one
    /// sweep over byte ranges (which nest like the tree), no walking up parents.
    private func enclosingRetries() -> [RetryCall?] {
        let callbacks = retryCalls.compactMap { retry in retry.callback.map { (range: $0.byteRange, retry: retry) } }
            .sorted { ($0.range.lowerBound, -$0.range.upperBound) < ($1.range.lowerBound, -$1.range.upperBound) }
        var result = [RetryCall?](repeating: nil, count: calls.count)
        var open: [(range: Range<Int>, retry: RetryCall)] = []
        var next = 0
        for index in calls.indices.sorted(by: { calls[$0].operation.byteRange.lowerBound < calls[$1].operation.byteRange.lowerBound }) {
            let range = calls[index].operation.byteRange
            while next < callbacks.count, callbacks[next].range.lowerBound <= range.lowerBound {
                while let top = open.last, top.range.upperBound <= callbacks[next].range.lowerBound { open.removeLast() }
                open.append(callbacks[next])
                next += 1
            }
            while let top = open.last, top.range.upperBound < range.upperBound { open.removeLast() }
            result[index] = open.last?.retry
        }
        return result
    }

    /// Whether an offset lies in a `$transaction` callback or array.
    public func isInsideTransaction(_ offset: Int) -> Bool {
        transactionCallbacks.contains { $0.contains(offset) } || arrayTransactions.contains { $0.contains(offset) }
    }

    /// Files importing both the central client and creating their own, or
    /// importing the retry helper without using it.
    public var halfMigrationReasons: [String] {
        var reasons: [String] = []
        if !centralImports.isEmpty, instances.contains(where: { $0.variable != nil }) {
            reasons.append("imports the central client and also creates a \(configuration.clientClass)")
        }
        for retryImport in retryImports where !retryImport.isUsed {
            reasons.append("imports \(retryImport.specifier.localName) but never calls it")
        }
        return reasons
    }
}

import CodemodCore
import Foundation
import PrismaRules
import SyntaxTree

/// A name through which a file reaches a Prisma client.
public struct ClientBinding: Equatable {
    public enum Kind: String, Sendable, Codable {
        /// `import { prisma } from '../utils/prisma'`, also aliased or default.
        case centralImport
        /// `const prisma = new PrismaClient()`.
        case localInstance
        /// `this.prisma` or a static `Repo.prisma`: a class field typed or initialised with a
        /// client, a constructor parameter property (NestJS), or assigned a client in the class.
        case classProperty
        /// A parameter typed `PrismaClient` (or a client subclass), or defaulting to a client.
        case parameter
        /// The first parameter of a `$transaction(async (tx) => …)` callback, a name typed
        /// `Prisma.TransactionClient`, or a name that may hold one (`const db = tx ?? prisma`).
        case transactionClient
        /// A name holding one of clients of different kinds (`const db = client ?? prisma`).
        case alias
    }

    /// `prisma`, `db`, `this.prisma`, `Repo.prisma`, or an inline `(tx ?? prisma)`.
    public var name: String
    public var kind: Kind
    /// The name node that declares it; nil for a global assigned a client without a declaration.
    public var declaration: Node?
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

/// Which declarations of a file are Prisma clients, and of which kind: the client
/// imported from the central module, names holding a client expression (`new PrismaClient()`,
/// `prisma.$extends(…)`, another client, `tx ?? prisma`) as variables, parameter defaults,
/// class fields or assignments, class properties and parameters typed with a client type
/// or `Prisma.TransactionClient` (destructured too), static members, `this` in a client
/// subclass, and the parameters of `$transaction` callbacks.
struct ClientRecognizer {
    let scopes: ScopeTree
    let context: PrismaContext
    private(set) var centralImports: [CentralImport] = []
    /// Local names of the client class (`PrismaClient`, or its alias).
    private(set) var clientClassNames: Set<String> = []
    /// The `@prisma/client` value and type imports.
    private(set) var clientPackageImports: [ImportStatement] = []
    /// Starts of `import * as db from '<central module>'` statements: calls through them are not followed.
    private(set) var namespaceImports: Set<Int> = []
    /// Local names of imported client factories (`getPrisma`): the client is what calling them gives.
    private(set) var factoryImports: Set<String> = []
    private(set) var instances: [ClientInstance] = []
    private var clients: [ScopeTree.DeclarationID: ClientBinding.Kind] = [:]

    /// Names assigned a client that the file never declares (a global, or `this.x` outside a class).
    private var undeclared: [String: ClientBinding.Kind] = [:]

    /// The names through which code anywhere in the module may reach a client or make one: the
    /// clients bound at its top level, its top-level classes with a client property (`Repo.db`),
    /// clients it never declares, factories, and every name imported from the client package
    /// (`PrismaClient as Base`, `Prisma as P`).
    var namesReachingClients: [String] {
        let bound = clients.keys.compactMap { id -> String? in
            let scope = scopes[id].scope
            if scope == scopes.module { return scopes[id].name }
            guard scopes[scope].kind == .classBody, scopes[scope].parent == scopes.module,
                  let name = scopes[scope].node.parent?.child(field: .name) else { return nil }
            return file.text(name)
        }
        let imported = clientPackageImports.flatMap { statement in
            statement.named.map(\.localName) + [statement.defaultName, statement.namespaceName].compactMap { $0 }
        }
        // `this.db` is reached as `this\n.db` or `this?.db` too: its property name is what to look for.
        let undeclaredNames = undeclared.keys.map { $0.hasPrefix("this.") ? String($0.dropFirst(5)) : $0 }
        return bound + undeclaredNames + clientClassNames + factoryImports + imported
    }

    init(scopes: ScopeTree, context: PrismaContext) {
        self.scopes = scopes
        self.context = context
        readImports()
        recogniseDeclarations()
    }

    private var file: ParsedFile { scopes.file }
    private var configuration: PrismaConfiguration { context.configuration }

    /// The client a client expression (`prisma`, `this.prisma`) refers to at its place;
    /// nil when the name is not a client there, for instance hidden by a parameter.
    func binding(for expression: Node) -> ClientBinding? {
        // `getPrisma()`: a call of a factory the central module exports gives the client.
        if expression.kind == "call_expression", let function = expression.child(field: .function), function.kind == "identifier",
           (expression.child(field: .arguments)?.namedChildCount ?? 0) == 0,
           let factory = binding(for: function), factory.kind == .centralImport, factoryImports.contains(factory.name) {
            return ClientBinding(name: factory.name + "()", kind: .centralImport, declaration: factory.declaration)
        }
        if expression.kind == "this" {
            // `this.user.findMany()` in `class PrismaService extends PrismaClient`: the instance is the client.
            guard let body = scopes.enclosingClassBody(of: scopes.scope(containing: expression)), extendsClient(scopes[body].node) else { return nil }
            return ClientBinding(name: "this", kind: .classProperty, declaration: nil)
        }
        if expression.kind == "member_expression", let object = expression.child(field: .object), object.kind == "identifier" {
            // `Repo.prisma`: a static member; any other `a.b` is not a client this file declares.
            guard let declaration = scopes.resolve(expression), let property = expression.child(field: .property) else { return nil }
            return clients[declaration].map {
                ClientBinding(name: file.text(object) + "." + file.text(property), kind: $0, declaration: scopes[declaration].node)
            }
        }
        guard let name = Self.clientName(of: expression, in: file) else {
            // `(tx ?? prisma).user.findMany()`, `(prisma as any)[name]`: a client written inline.
            guard ["parenthesized_expression", "as_expression", "non_null_expression", "satisfies_expression"].contains(expression.kind),
                  let kind = valueKind(of: expression) else { return nil }
            return ClientBinding(name: file.text(expression), kind: kind, declaration: nil)
        }
        if let declaration = scopes.resolve(expression) {
            return clients[declaration].map { ClientBinding(name: name, kind: $0, declaration: scopes[declaration].node) }
        }
        return undeclared[name].map { ClientBinding(name: name, kind: $0, declaration: nil) }
    }

    /// Makes the parameter a `$transaction` callback names its client a transaction client.
    mutating func markTransactionClient(_ parameter: Node) {
        if let declaration = scopes.declaration(declaredBy: parameter) { clients[declaration] = .transactionClient }
    }

    /// The kind of client an expression gives: a client's name, `new PrismaClient()`,
    /// `client.$extends(…)`, a factory call, or `a ?? b`, `a || b`, `c ? a : b` whose
    /// alternatives are all clients (parentheses, `as` and `!` looked through). Nil when
    /// any alternative is not known to be a client.
    func valueKind(of expression: Node) -> ClientBinding.Kind? {
        var kinds: [ClientBinding.Kind] = []
        var pending = [expression]
        while let node = pending.popLast() {
            switch node.kind {
            case "parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression":
                guard let inner = node.namedChildren.first(where: { $0.kind != "comment" }) else { return nil }
                pending.append(inner)
            case "binary_expression":
                guard node.children.contains(where: { !$0.isNamed && ["??", "||"].contains(file.text($0)) }),
                      let left = node.child(field: .left), let right = node.child(field: .right) else { return nil }
                pending += [right, left]
            case "ternary_expression":
                guard let consequence = node.child(field: .consequence), let alternative = node.child(field: .alternative) else { return nil }
                pending += [alternative, consequence]
            case "new_expression":
                guard let constructor = node.child(field: .constructor), clientClassNames.contains(file.text(constructor)) else { return nil }
                kinds.append(.localInstance)
            case "call_expression":
                if let function = node.child(field: .function), function.kind == "member_expression",
                   let object = function.child(field: .object), function.child(field: .property).map(file.text) == "$extends" {
                    pending.append(object)
                } else if let found = binding(for: node) {
                    kinds.append(found.kind)
                } else {
                    return nil
                }
            default:
                guard let found = binding(for: node) else { return nil }
                kinds.append(found.kind)
            }
        }
        // A call through `tx ?? prisma` may run in a transaction: it is treated as one.
        if kinds.contains(.transactionClient) { return .transactionClient }
        guard let first = kinds.first else { return nil }
        return kinds.allSatisfy { $0 == first } ? first : .alias
    }

    /// `prisma` or `this.prisma`; nil for any other expression.
    static func clientName(of expression: Node, in file: ParsedFile) -> String? {
        switch expression.kind {
        case "identifier":
            return file.text(expression)
        case "member_expression":
            guard let object = expression.child(field: .object), object.kind == "this",
                  let property = expression.child(field: .property) else { return nil }
            return "this." + file.text(property)
        default:
            return nil
        }
    }

    // MARK: - Imports

    private mutating func readImports() {
        clientClassNames = [configuration.clientClass]
        for statement in file.imports {
            if statement.module == configuration.clientPackage {
                clientPackageImports.append(statement)
                for specifier in statement.named where specifier.name == configuration.clientClass && !specifier.isType {
                    clientClassNames.insert(specifier.localName)
                }
                continue
            }
            guard context.isCentral(key: context.resolver.resolve(statement.module, from: file.path)) else { continue }
            if statement.namespaceName != nil {
                namespaceImports.insert(statement.range.lowerBound)
            }
            guard !statement.isTypeOnly else { continue }
            if context.clientExports.contains("default"), let name = statement.defaultName {
                centralImports.append(CentralImport(statement: statement, specifier: nil, localName: name))
                markImport(name)
            }
            for specifier in statement.named where context.clientExports.contains(specifier.name) && !specifier.isType {
                centralImports.append(CentralImport(statement: statement, specifier: specifier, localName: specifier.localName))
                markImport(specifier.localName)
                if context.clientFactoryExports.contains(specifier.name) { factoryImports.insert(specifier.localName) }
            }
        }
    }

    private mutating func markImport(_ localName: String) {
        if let declaration = scopes.lookup(localName, from: scopes.module) { clients[declaration] = .centralImport }
    }

    // MARK: - Declarations: instances, aliases, class properties, typed parameters

    /// One walk in source order, so a name is known to be a client before the aliases of it
    /// (`const a = prisma; const b = a;`) and the calls through it are met.
    private mutating func recogniseDeclarations() {
        var walk = file.root.preorder()
        while let node = walk.next() {
            guard node.isNamed, let role = Self.declarationWalkRoles[node] else { continue }  // tokens are passed over
            switch role {
            case .importStatement:
                walk.skipChildren()
            case .new:
                if let constructor = node.child(field: .constructor), clientClassNames.contains(file.text(constructor)) {
                    recordInstance(node)
                }
            case .field:
                guard let name = node.child(field: .name), let property = scopes.property(declaredBy: name) else { break }
                if let type = node.child(field: .type), let kind = typeKind(type) {
                    clients[property] = kind == .transactionClient ? kind : .classProperty
                } else if let value = node.child(field: .value), let kind = valueKind(of: value) {
                    // `private db = prisma`, `static prisma = new PrismaClient()`.
                    clients[property] = kind == .transactionClient ? kind : .classProperty
                }
            case .parameter:
                recordParameter(node)
            case .assignmentPattern:
                // JavaScript's `function f(db = prisma)`.
                if node.parent?.kind == "formal_parameters", let left = node.child(field: .left), left.kind == "identifier",
                   let value = node.child(field: .right), let kind = valueKind(of: value),
                   let declaration = scopes.declaration(declaredBy: left) {
                    clients[declaration] = kind == .transactionClient ? kind : .parameter
                }
            case .declarator:
                // `const db = prisma`, `const db = tx ?? prisma`, `const x = prisma.$extends(…)`.
                if let name = node.child(field: .name), name.kind == "identifier", let value = node.child(field: .value),
                   let declaration = scopes.declaration(declaredBy: name), clients[declaration] == nil,
                   let kind = valueKind(of: value) {
                    clients[declaration] = kind
                }
            case .assignment:
                recordAssignment(node)
            case .call:
                markTransactionCallback(node)
            }
        }
    }

    private enum DeclarationWalkRole: Sendable {
        case importStatement, new, field, parameter, assignmentPattern, declarator, assignment, call
    }

    private static let declarationWalkRoles = KindMap<DeclarationWalkRole>([
        "import_statement": .importStatement, "new_expression": .new, "public_field_definition": .field,
        "required_parameter": .parameter, "optional_parameter": .parameter, "assignment_pattern": .assignmentPattern,
        "variable_declarator": .declarator, "assignment_expression": .assignment, "call_expression": .call,
    ])

    /// A parameter typed with a client type or `Prisma.TransactionClient` (also inside a
    /// destructured `{ tx }: { tx: Prisma.TransactionClient }`), or defaulting to a client
    /// (`db = prisma`); a parameter property (`constructor(private prisma: PrismaService)`)
    /// makes `this.prisma` a client too.
    private mutating func recordParameter(_ parameter: Node) {
        guard let pattern = parameter.child(field: .pattern) else { return }
        if pattern.kind == "object_pattern" {
            if let type = parameter.child(field: .type) { recordDestructured(pattern, typed: type) }
            return
        }
        guard pattern.kind == "identifier", let declaration = scopes.declaration(declaredBy: pattern) else { return }
        var kind: ClientBinding.Kind?
        if let type = parameter.child(field: .type) {
            kind = typeKind(type)
        } else if let value = parameter.child(field: .value), let valueKind = valueKind(of: value) {
            // Without a type, TypeScript types the parameter by its default: a client.
            kind = valueKind == .transactionClient ? .transactionClient : .parameter
        }
        guard let kind else { return }
        clients[declaration] = kind
        if kind != .transactionClient, let property = scopes.property(declaredBy: pattern) { clients[property] = .classProperty }
    }

    /// `({ tx }: { tx: Prisma.TransactionClient })`, `({ db: client }: { db: PrismaClient })`.
    private mutating func recordDestructured(_ pattern: Node, typed annotation: Node) {
        guard let objectType = annotation.namedChildren.first, objectType.kind == "object_type" else { return }
        var types: [String: Node] = [:]
        for member in objectType.namedChildren where member.kind == "property_signature" {
            if let name = member.child(field: .name), let type = member.child(field: .type) { types[file.text(name)] = type }
        }
        for element in pattern.namedChildren {
            let key: Node?
            let bound: Node?
            switch element.kind {
            case "shorthand_property_identifier_pattern": (key, bound) = (element, element)
            case "pair_pattern": (key, bound) = (element.child(field: .key), element.child(field: .value))
            default: (key, bound) = (nil, nil)
            }
            guard let key, let bound, bound.kind == "identifier" || bound.kind == "shorthand_property_identifier_pattern",
                  let type = types[file.text(key)], let kind = typeKind(type),
                  let declaration = scopes.declaration(declaredBy: bound) else { continue }
            clients[declaration] = kind
        }
    }

    /// `this.db = prisma` or `db = tx ?? prisma` for a name not yet known as a client, or
    /// a transaction client assigned to one (`db = tx`: its calls may run in the transaction);
    /// `new PrismaClient()` assignments are recorded with the instance.
    private mutating func recordAssignment(_ assignment: Node) {
        guard let left = assignment.child(field: .left), let value = assignment.child(field: .right), value.kind != "new_expression",
              let declaration = scopes.resolve(left), let kind = valueKind(of: value) else { return }
        if let known = clients[declaration] {
            if kind == .transactionClient, known != .transactionClient { clients[declaration] = .transactionClient }
            return
        }
        let isProperty = [.property, .assignedProperty].contains(scopes[declaration].kind)
        clients[declaration] = isProperty && kind != .transactionClient ? .classProperty : kind
    }

    /// The callback of `client.$transaction(async (tx) => …)`: its first parameter is the transaction's client,
    /// known here already so that aliases of it inside the callback are too.
    private mutating func markTransactionCallback(_ call: Node) {
        guard let function = call.child(field: .function), function.kind == "member_expression",
              function.child(field: .property).map(file.text) == "$transaction",
              let object = function.child(field: .object), valueKind(of: object) != nil,
              let callback = call.child(field: .arguments)?.namedChildren.first,
              ["arrow_function", "function_expression"].contains(callback.kind) else { return }
        let parameter = callback.child(field: .parameters)?.namedChildren.first ?? callback.child(field: .parameter)
        if let name = parameter.flatMap({ $0.kind == "identifier" ? $0 : $0.child(field: .pattern) }), name.kind == "identifier" {
            markTransactionClient(name)
        }
    }

    /// Whether a class body's class extends the client class or a client type (a subclass of it).
    private func extendsClient(_ body: Node) -> Bool {
        guard let heritage = body.parent?.namedChildren.first(where: { $0.kind == "class_heritage" }),
              let clause = heritage.namedChildren.first(where: { $0.kind == "extends_clause" }),
              let base = clause.namedChildren.first else { return false }
        let name = file.text(base)
        return clientClassNames.contains(name) || configuration.clientTypes.contains(name)
    }

    /// The client kind a type annotation names: a client type (`PrismaClient`, a subclass
    /// such as NestJS's `PrismaService`), or `Prisma.TransactionClient` anywhere in it.
    private func typeKind(_ annotation: Node) -> ClientBinding.Kind? {
        // Over the file's bytes first: this runs for every annotated parameter and variable.
        let bytes = file.bytes[annotation.byteRange]
        // `tx: Prisma.TransactionClient` (also `| PrismaClient`): a transaction's client, whatever its name.
        if ByteSearch.contains(bytes, "TransactionClient") { return .transactionClient }
        // `PrismaClient`, `PrismaService | undefined`: a client type, maybe absent.
        // Most annotations (`: number`, `: string`) name no client: no splitting for them
        // (an uppercase ASCII letter or any non-ASCII one, which may be uppercase, goes on).
        guard bytes.contains(where: { ($0 >= 0x41 && $0 <= 0x5A) || $0 >= 0x80 }) else { return nil }
        let text = String(file.text(annotation).drop { $0 == ":" || $0 == " " })
        let members = text.split(separator: "|").map { String($0.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()) }
            .filter { !["undefined", "null"].contains($0) }
        let isClient = !members.isEmpty && members.allSatisfy { clientClassNames.contains($0) || configuration.clientTypes.contains($0) }
        return isClient ? .parameter : nil
    }

    private mutating func recordInstance(_ expression: Node) {
        let hasOptions = (expression.child(field: .arguments)?.namedChildCount ?? 0) > 0
        var instance = ClientInstance(expression: expression, variable: nil, hasOptions: hasOptions,
                                      isTopLevel: false, isExported: false, declaration: nil)
        // `new PrismaClient().$extends(…)`: the chain is what the variable holds.
        guard let parent = ConstructionReader.extended(expression).parent else { return }
        switch parent.kind {
        case "variable_declarator":
            guard let name = parent.child(field: .name), name.kind == "identifier" else { break }
            instance.variable = file.text(name)
            let declaration = parent.parent
            let container = declaration?.parent
            instance.isExported = container?.kind == "export_statement"
            let statementParent = instance.isExported ? container?.parent : container
            instance.isTopLevel = statementParent?.kind == "program"
            if instance.isTopLevel, !instance.isExported, let declaration, declaration.namedChildCount == 1 {
                instance.declaration = declaration
            }
            if let variable = scopes.declaration(declaredBy: name) { clients[variable] = .localInstance }
        case "public_field_definition":
            if let name = parent.child(field: .name), let property = scopes.property(declaredBy: name) {
                instance.variable = "this." + file.text(name)
                clients[property] = .classProperty
            }
        case "assignment_expression":
            if let left = parent.child(field: .left), let name = Self.clientName(of: left, in: file) {
                instance.variable = name
                let kind: ClientBinding.Kind = name.hasPrefix("this.") ? .classProperty : .localInstance
                if let declaration = scopes.resolve(left) {
                    // Assigning a client does not turn an imported or typed client into another kind.
                    if clients[declaration] == nil { clients[declaration] = kind }
                } else if undeclared[name] == nil {
                    undeclared[name] = kind
                }
            }
        default:
            break
        }
        instances.append(instance)
    }
}

import CodemodCore
import PrismaRules
import SyntaxTree

/// A name through which a file reaches a Prisma client.
public struct ClientBinding: Equatable {
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
/// imported from the central module, variables holding `new PrismaClient()` or a
/// client's `$extends(…)`, class properties and parameters typed with a client type,
/// parameters typed `Prisma.TransactionClient`, and (marked by the caller while it
/// meets them) the parameters of `$transaction` callbacks.
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
        if expression.kind == "call_expression", let function = expression.child(field: "function"), function.kind == "identifier",
           (expression.child(field: "arguments")?.namedChildCount ?? 0) == 0,
           let factory = binding(for: function), factory.kind == .centralImport, factoryImports.contains(factory.name) {
            return ClientBinding(name: factory.name + "()", kind: .centralImport, declaration: factory.declaration)
        }
        guard let name = Self.clientName(of: expression, in: file) else { return nil }
        if let declaration = scopes.resolve(expression) {
            return clients[declaration].map { ClientBinding(name: name, kind: $0, declaration: scopes[declaration].node) }
        }
        return undeclared[name].map { ClientBinding(name: name, kind: $0, declaration: nil) }
    }

    /// Makes the parameter a `$transaction` callback names its client a transaction client.
    mutating func markTransactionClient(_ parameter: Node) {
        if let declaration = scopes.declaration(declaredBy: parameter) { clients[declaration] = .transactionClient }
    }

    /// `prisma` or `this.prisma`; nil for any other expression.
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

    // MARK: - Declarations: instances, extensions, class properties, typed parameters

    private mutating func recogniseDeclarations() {
        var walk = file.root.preorder()
        while let node = walk.next() {
            guard node.isNamed else { continue }  // every kind below is a named node; tokens are passed over
            switch node.kind {
            case "import_statement":
                walk.skipChildren()
            case "new_expression":
                if let constructor = node.child(field: "constructor"), clientClassNames.contains(file.text(constructor)) {
                    recordInstance(node)
                }
            case "public_field_definition":
                if let name = node.child(field: "name"), let type = node.child(field: "type"), isClientType(type),
                   let property = scopes.property(declaredBy: name) {
                    clients[property] = .classProperty
                }
            case "required_parameter", "optional_parameter":
                guard let pattern = node.child(field: "pattern"), pattern.kind == "identifier", let type = node.child(field: "type"),
                      let declaration = scopes.declaration(declaredBy: pattern) else { break }
                if isClientType(type) {
                    clients[declaration] = .parameter
                    if let property = scopes.property(declaredBy: pattern) { clients[property] = .classProperty }
                } else if file.text(type).contains("TransactionClient") {
                    // `tx: Prisma.TransactionClient`: a transaction's client, whatever its name.
                    clients[declaration] = .transactionClient
                }
            case "variable_declarator":
                recordExtension(node)
            default:
                break
            }
        }
    }

    /// `const xprisma = prisma.$extends(…)`: a client of the kind it extends.
    private mutating func recordExtension(_ declarator: Node) {
        guard let name = declarator.child(field: "name"), name.kind == "identifier",
              let value = declarator.child(field: "value"), value.kind == "call_expression",
              let function = value.child(field: "function"), function.kind == "member_expression",
              let object = function.child(field: "object"), let property = function.child(field: "property"),
              file.text(property) == "$extends", let source = binding(for: object),
              let declaration = scopes.declaration(declaredBy: name) else { return }
        clients[declaration] = source.kind
    }

    private func isClientType(_ annotation: Node) -> Bool {
        let text = String(file.text(annotation).drop { $0 == ":" || $0 == " " })
        return clientClassNames.contains(text) || configuration.clientTypes.contains(text)
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
            if let variable = scopes.declaration(declaredBy: name) { clients[variable] = .localInstance }
        case "public_field_definition":
            if let name = parent.child(field: "name"), let property = scopes.property(declaredBy: name) {
                instance.variable = "this." + file.text(name)
                clients[property] = .classProperty
            }
        case "assignment_expression":
            if let left = parent.child(field: "left"), let name = Self.clientName(of: left, in: file) {
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

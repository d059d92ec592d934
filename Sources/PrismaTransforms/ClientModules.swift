import CodemodCore
import PrismaRules
import SyntaxTree

/// What a module exports of Prisma, read from its syntax tree (comments never count):
/// the names under which it exports a client (`default` for a default export), and the
/// modules it re-exports.
public struct ClientModuleExports: Equatable, Sendable {
    /// Export names whose value is a client: `new PrismaClient(…)`, a singleton
    /// (`globalForPrisma.prisma ?? new PrismaClient()`), `$extends(…)` of a client, or
    /// what a local factory returns.
    public var clientExports: Set<String> = []
    /// Those of `clientExports` that are functions returning a client (`getPrisma()`).
    public var factoryExports: Set<String> = []
    /// One-based line of the first statement that exports a client: the evidence `init` shows.
    public var evidenceLine: Int?
    /// `export * from './db'` (names nil) and `export { prisma, default as db } from './db'`
    /// (exported name → name in the source module).
    public var reexports: [(specifier: String, names: [String: String]?)] = []
    /// How each client export is built (factories have none).
    public var constructions: [String: ClientConstruction] = [:]

    public var isEmpty: Bool { clientExports.isEmpty && reexports.isEmpty }

    public static func == (lhs: ClientModuleExports, rhs: ClientModuleExports) -> Bool {
        lhs.clientExports == rhs.clientExports && lhs.factoryExports == rhs.factoryExports && lhs.evidenceLine == rhs.evidenceLine && lhs.reexports.map(\.specifier) == rhs.reexports.map(\.specifier)
            && lhs.reexports.map(\.names) == rhs.reexports.map(\.names) && lhs.constructions == rhs.constructions
    }
}

/// Finds the modules that export a Prisma client, by syntax tree.
public enum ClientModules {
    /// Test and spec files make their own clients; they are never the project's client module.
    public static func isTestFile(_ path: String) -> Bool {
        let components = path.split(separator: "/").map(String.init)
        if components.dropLast().contains(where: { ["__tests__", "test", "tests", "e2e", "__mocks__"].contains($0) }) { return true }
        let name = components.last ?? path
        return name.contains(".test.") || name.contains(".spec.") || name.contains(".e2e.")
    }

    /// A cheap look at the text first: only files that may build, export or re-export a client are parsed.
    public static func mayConcernClient(_ bytes: [UInt8], configuration: PrismaConfiguration) -> Bool {
        if ByteSearch.contains(bytes, configuration.clientClass) || ByteSearch.contains(bytes, "$extends") { return true }
        return reexports(bytes)
    }

    /// `export * from` or `export { … } from` somewhere in the text, read over the bytes
    /// (a regular expression would first copy a large file to UTF-16).
    static func reexports(_ bytes: [UInt8]) -> Bool {
        func skipSpaces(_ cursor: inout Int) {
            while cursor < bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C].contains(bytes[cursor]) { cursor += 1 }
        }
        var offset = 0
        while let found = ByteSearch.firstOffset(of: "export", in: bytes, from: offset) {
            offset = found + 1
            var cursor = found + 6
            skipSpaces(&cursor)
            guard cursor < bytes.count else { return false }
            if bytes[cursor] == UInt8(ascii: "*") {
                cursor += 1
            } else if bytes[cursor] == UInt8(ascii: "{") {
                guard let close = bytes[cursor...].firstIndex(of: UInt8(ascii: "}")) else { return false }
                cursor = close + 1
            } else {
                continue
            }
            skipSpaces(&cursor)
            if bytes[cursor...].starts(with: "from".utf8) { return true }
        }
        return false
    }

    /// The `new PrismaClient(…)` expressions of a module (the class under any local name).
    public static func instanceCount(in file: ParsedFile, configuration: PrismaConfiguration) -> Int {
        var names: Set<String> = [configuration.clientClass]
        for statement in file.imports {
            for specifier in statement.named where specifier.name == configuration.clientClass && !specifier.isType { names.insert(specifier.localName) }
        }
        var count = 0
        var walk = file.root.preorder()
        while let node = walk.next() {
            if node.kind == "new_expression", let constructor = node.child(field: .constructor), names.contains(file.text(constructor)) { count += 1 }
        }
        return count
    }

    /// The client exports and re-exports of one parsed module.
    public static func exports(of file: ParsedFile, configuration: PrismaConfiguration) -> ClientModuleExports {
        var reader = ModuleReader(file: file, configuration: configuration)
        return reader.read()
    }
}

/// One pass over a module's top-level statements, in order: which local names hold a
/// client, which functions return one, and what is exported.
private struct ModuleReader {
    let file: ParsedFile
    let configuration: PrismaConfiguration
    var classNames: Set<String>
    var clientNames: Set<String> = []
    var factories: Set<String> = []
    /// The values of `clientNames` and the function nodes of `factories`, for reading constructions.
    var clientValues: [String: Node] = [:]
    var factoryNodes: [String: Node] = [:]
    /// Export name → the expression it exports (a client's value, or the name holding it).
    var exportedValues: [String: Node] = [:]
    var result = ClientModuleExports()
    /// `export { prisma as db }`: settled at the end, since it may come before the declaration.
    var pendingLocalExports: [(local: String, exported: String, line: Int)] = []

    init(file: ParsedFile, configuration: PrismaConfiguration) {
        self.file = file
        self.configuration = configuration
        classNames = [configuration.clientClass]
        for statement in file.imports {
            for specifier in statement.named where specifier.name == configuration.clientClass && !specifier.isType {
                classNames.insert(specifier.localName)
            }
        }
    }

    mutating func read() -> ClientModuleExports {
        let statements = file.root.namedChildren
        result.reexports = ModuleExports(file: file).reexports.map { ($0.specifier, $0.names) }
        // Functions are hoisted: a factory declared below its use still counts.
        for statement in statements {
            let declaration = statement.kind == "export_statement" ? statement.child(field: .declaration) : statement
            if let declaration, ["function_declaration", "generator_function_declaration"].contains(declaration.kind),
               let name = declaration.child(field: .name), returnsClient(declaration) {
                factories.insert(file.text(name))
                factoryNodes[file.text(name)] = declaration
                if statement.kind == "export_statement" { exportFactory(file.text(name), at: statement) }
            }
            if let declaration, declaration.kind == "class_declaration", let name = declaration.child(field: .name),
               let heritage = declaration.namedChildren.first(where: { $0.kind == "class_heritage" }),
               classNames.contains(where: { file.text(heritage).contains($0) }) {
                classNames.insert(file.text(name))
            }
        }
        for statement in statements {
            switch statement.kind {
            case "lexical_declaration", "variable_declaration":
                readDeclaration(statement, exported: false)
            case "export_statement":
                readExport(statement)
            default:
                readAssignments(statement)
            }
        }
        for (local, exported, line) in pendingLocalExports where clientNames.contains(local) || factories.contains(local) {
            result.clientExports.insert(exported)
            if factories.contains(local) { result.factoryExports.insert(exported) } else { exportedValues[exported] = clientValues[local] }
            result.evidenceLine = min(result.evidenceLine ?? line, line)
        }
        readConstructions()
        return result
    }

    /// How each exported client is built: only for modules that export one, since it needs the scopes.
    private mutating func readConstructions() {
        guard !exportedValues.isEmpty else { return }
        var reader = ConstructionReader(file: file, classNames: classNames)
        reader.clientValues = clientValues
        reader.factories = factoryNodes
        // `if (production) prisma = new PrismaClient() else global.__db__ = new PrismaClient({ log })`:
        // a module that builds clients in several ways has no one way a copy could repeat.
        var shapes = Set<String>()
        var walk = file.root.preorder()
        while let node = walk.next() {
            guard node.kind == "new_expression", let constructor = node.child(field: .constructor), classNames.contains(file.text(constructor)),
                  let construction = reader.construction(ofInstance: node, declaredIn: file.path) else { continue }
            shapes.insert(ClientConstruction.normalized(construction.expression))
        }
        for (name, value) in exportedValues {
            guard var construction = reader.construction(of: value, declaredIn: file.path) else { continue }
            if shapes.count > 1 {
                construction.obstacles.append("the module builds its clients in \(shapes.count) different ways")
            }
            result.constructions[name] = construction
        }
    }

    /// `let prisma: PrismaClient; if (…) { prisma = new PrismaClient() } else { … }` at the top
    /// level (Remix's `db.server.ts`): the variable holds a client. Functions are not entered.
    private mutating func readAssignments(_ statement: Node) {
        var walk = statement.preorder()
        while let node = walk.next() {
            if PrismaFile.functionKinds.contains(node.kind) || node.kind == "class_declaration" || node.kind == "class" {
                walk.skipChildren()
                continue
            }
            guard node.kind == "assignment_expression", let left = node.child(field: .left), left.kind == "identifier",
                  let right = node.child(field: .right), isClient(right) else { continue }
            let name = file.text(left)
            clientNames.insert(name)
            if clientValues[name] == nil { clientValues[name] = right }
        }
    }

    private mutating func readDeclaration(_ declaration: Node, exported: Bool) {
        for declarator in declaration.namedChildren where declarator.kind == "variable_declarator" {
            guard let name = declarator.child(field: .name), name.kind == "identifier" else { continue }
            let local = file.text(name)
            guard let value = declarator.child(field: .value) else { continue }
            if ["arrow_function", "function_expression", "function"].contains(value.kind) {
                if returnsClient(value) {
                    factories.insert(local)
                    factoryNodes[local] = value
                    if exported { exportFactory(local, at: declaration) }
                }
                continue
            }
            if isClient(value) {
                clientNames.insert(local)
                clientValues[local] = value
                if exported {
                    export(local, at: declaration)
                    exportedValues[local] = value
                }
            }
        }
    }

    private mutating func readExport(_ statement: Node) {
        // `export … from`: the re-exports, read once for every module by `ModuleExports`.
        if statement.child(field: .source) != nil { return }
        if let declaration = statement.child(field: .declaration) {
            if ["lexical_declaration", "variable_declaration"].contains(declaration.kind) {
                readDeclaration(declaration, exported: true)
            }
            return
        }
        if let value = statement.child(field: .value) {
            if isClient(value) {
                export("default", at: statement)
                exportedValues["default"] = value
            }
            return
        }
        if let clause = statement.namedChildren.first(where: { $0.kind == "export_clause" }) {
            for specifierNode in clause.namedChildren where specifierNode.kind == "export_specifier" {
                guard let name = specifierNode.child(field: .name) else { continue }
                let local = file.text(name)
                pendingLocalExports.append((local, specifierNode.child(field: .alias).map(file.text) ?? local,
                                            file.lines.lineNumber(of: statement.byteRange.lowerBound)))
            }
        }
    }

    /// `export function getPrisma() { … return client }`: importers call it for the client.
    private mutating func exportFactory(_ name: String, at node: Node) {
        export(name, at: node)
        result.factoryExports.insert(name)
    }

    private mutating func export(_ name: String, at node: Node) {
        result.clientExports.insert(name)
        if result.evidenceLine == nil { result.evidenceLine = file.lines.lineNumber(of: node.byteRange.lowerBound) }
    }

    /// Whether an expression evaluates to a client, seen through parentheses, casts,
    /// `??`, `||`, `?:`, `$extends(…)` and calls of local factories.
    private func isClient(_ expression: Node, locals: Set<String> = []) -> Bool {
        var pending = [expression]
        var steps = 0
        while let node = pending.popLast(), steps < 10_000 {
            steps += 1
            switch node.kind {
            case "new_expression":
                if let constructor = node.child(field: .constructor), classNames.contains(file.text(constructor)) { return true }
            case "identifier":
                if clientNames.contains(file.text(node)) || locals.contains(file.text(node)) { return true }
            case "parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression", "await_expression",
                 "type_assertion":
                pending += node.namedChildren.prefix(1)
            case "binary_expression":
                let operatorText = node.child(field: .operator).map(file.text) ?? ""
                if operatorText == "??" || operatorText == "||" {
                    pending += [node.child(field: .left), node.child(field: .right)].compactMap { $0 }
                }
            case "ternary_expression":
                pending += [node.child(field: .consequence), node.child(field: .alternative)].compactMap { $0 }
            case "call_expression":
                guard let function = node.child(field: .function) else { break }
                if function.kind == "identifier", factories.contains(file.text(function)) { return true }
                if function.kind == "member_expression", let property = function.child(field: .property),
                   file.text(property) == "$extends", let object = function.child(field: .object) {
                    pending.append(object)
                }
            default:
                break
            }
        }
        return false
    }

    /// A function whose expression body, or one of whose `return`s (not in nested functions), is a client.
    private func returnsClient(_ function: Node) -> Bool {
        guard let body = function.child(field: .body) else { return false }
        if body.kind != "statement_block" { return isClient(body) }
        // `const client = new PrismaClient(); …; return client`: the names the function gives a client count.
        var locals = Set<String>()
        var walk = body.preorder()
        while let node = walk.next() {
            if node != body, PrismaFile.functionKinds.contains(node.kind) { walk.skipChildren(); continue }
            if node.kind == "variable_declarator", let name = node.child(field: .name), name.kind == "identifier",
               let value = node.child(field: .value), isClient(value, locals: locals) {
                locals.insert(file.text(name))
            }
            // `if (!client) client = new PrismaClient()`: a lazy getter's cached client.
            if node.kind == "assignment_expression", let left = node.child(field: .left), left.kind == "identifier",
               let right = node.child(field: .right), isClient(right, locals: locals) {
                locals.insert(file.text(left))
            }
            if node.kind == "return_statement", let value = node.namedChildren.first, isClient(value, locals: locals) { return true }
        }
        return false
    }
}

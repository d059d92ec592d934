import CodemodCore
import PrismaRules
import SyntaxTree

/// How a module builds a client, read from its syntax tree: the expression that makes it
/// (`new PrismaClient({ adapter }).$extends(withAccelerate())`) and the imports it needs.
/// What `localize-client` writes to make the same client in another file, and what
/// `centralize-client` compares a local client with.
public struct ClientConstruction: Equatable, Sendable {
    /// A name the construction takes from an import of its module.
    public struct Import: Equatable, Sendable {
        /// The specifier as the building module writes it.
        public var module: String
        /// The imported name: `default` for a default import, `*` for a namespace import.
        public var name: String
        public var localName: String
    }

    /// The expression as another file must write it: as written, with the module constants it
    /// uses once written in place, its continuation lines dedented, with `\n` line breaks.
    public var expression: String
    /// The one-based line of the expression in its module.
    public var line: Int
    /// The imports the expression needs, the class's first.
    public var imports: [Import]
    /// Names the expression takes from the global scope (`process`): a file that declares one
    /// of them would give the copy another meaning.
    public var globals: [String]
    /// The local name of the client class in `expression`.
    public var className: String
    /// The constructor's arguments as written (`{ log: ['query'] }`); nil when there are none.
    public var arguments: String?
    /// The `$extends(…)` calls as written, innermost first.
    public var extensions: [String]
    /// What keeps the expression from being written in another file (names the module
    /// declares itself, a choice between clients); empty when a copy is the same client.
    public var obstacles: [String]

    /// `new PrismaClient()` of the configured package's class.
    public static func plain(_ configuration: PrismaConfiguration) -> ClientConstruction {
        ClientConstruction(expression: "new \(configuration.clientClass)()", line: 1,
                           imports: [Import(module: configuration.clientPackage, name: configuration.clientClass, localName: configuration.clientClass)], globals: [],
                           className: configuration.clientClass, arguments: nil, extensions: [], obstacles: [])
    }

    /// The import of the client class; nil when the module declares the class itself.
    public var classImport: Import? { imports.first { $0.localName == className } }

    /// `new PrismaClient()` of the configured package's class, nothing more.
    public func isPlain(_ configuration: PrismaConfiguration) -> Bool {
        arguments == nil && extensions.isEmpty && obstacles.isEmpty
            && classImport.map { $0.module == configuration.clientPackage && $0.name == configuration.clientClass } == true
            && imports.count == 1
    }

    /// What makes the client special, for messages: `an adapter`, `options { log: ['query'] }`,
    /// `$extends(withAccelerate())`, `PrismaClient from '@prisma/client/edge'`.
    public func features(_ configuration: PrismaConfiguration) -> [String] {
        var features: [String] = []
        if let classImport, classImport.module != configuration.clientPackage || classImport.name != configuration.clientClass {
            features.append("\(classImport.name == "default" ? className : classImport.name) from '\(classImport.module)'")
        }
        if let arguments {
            let adapter = arguments.range(of: #"\badapter\b"#, options: .regularExpression) != nil
            features.append((adapter ? "an adapter" : "options") + " (\(Self.short(arguments)))")
        }
        features += extensions.map(Self.short)
        return features
    }

    /// The shape of an expression for comparing two constructions: whitespace outside strings dropped.
    public static func normalized(_ text: String) -> String {
        var result = ""
        var quote: Character?
        var escaped = false
        for character in text {
            if let open = quote {
                result.append(character)
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == open { quote = nil }
                continue
            }
            if character == "'" || character == "\"" || character == "`" { quote = character }
            if character.isWhitespace { continue }
            result.append(character)
        }
        // A trailing comma is layout, not meaning.
        return result.replacingOccurrences(of: ",}", with: "}").replacingOccurrences(of: ",)", with: ")")
            .replacingOccurrences(of: ",]", with: "]")
    }

    static func short(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        return flat.count <= 60 ? flat : String(flat.prefix(57)) + "…"
    }
}

/// Reads the construction of a client from the expression a module gives it as value.
struct ConstructionReader {
    let file: ParsedFile
    let scopes: ScopeTree
    let classNames: Set<String>
    let imports: [ImportStatement]
    /// Types and interfaces the module declares at its top level: a copy could not name them.
    let localTypes: Set<String>
    /// Module-level names holding a client, and their values (`const prisma = … ?? new PrismaClient()`).
    var clientValues: [String: Node] = [:]
    /// Module-level functions that return a client (`const prismaClientSingleton = () => …`).
    var factories: [String: Node] = [:]
    /// Whether module constants are written in place (reading the central module), or are
    /// obstacles (a local client: its file's constants would stay behind).
    var inlinesConstants = true

    init(file: ParsedFile, classNames: Set<String>, scopes: ScopeTree? = nil) {
        self.file = file
        self.classNames = classNames
        self.scopes = scopes ?? ScopeTree(file: file)
        imports = file.imports
        var types = Set<String>()
        for statement in file.root.namedChildren {
            let declaration = statement.kind == "export_statement" ? statement.child(field: .declaration) : statement
            if let declaration, ["type_alias_declaration", "interface_declaration", "enum_declaration"].contains(declaration.kind),
               let name = declaration.child(field: .name) {
                types.insert(file.text(name))
            }
        }
        localTypes = types
    }

    /// The construction of the client an expression evaluates to: through parentheses and
    /// casts, a `globalThis` singleton's `??`/`||`, a module variable holding a client, and
    /// a parameterless local factory whose body returns the expression; nil when no
    /// `new <class>(…)` is found.
    func construction(of value: Node, declaredIn modulePath: String) -> ClientConstruction? {
        var obstacles: [String] = []
        guard let builder = builder(of: value, obstacles: &obstacles) else { return nil }
        return read(builder, declaredIn: modulePath, obstacles: obstacles)
    }

    /// The construction of a client made in place: the `new PrismaClient(…)` with the
    /// `$extends(…)` calls made directly on it.
    func construction(ofInstance expression: Node, declaredIn modulePath: String) -> ClientConstruction? {
        read(Self.extended(expression), declaredIn: modulePath, obstacles: [])
    }

    /// `new PrismaClient()` and the `.$extends(…)` calls chained on it: the outermost call.
    static func extended(_ expression: Node) -> Node {
        var current = expression
        while let member = current.parent, member.kind == "member_expression", member.child(field: .object) == current,
              member.child(field: .property)?.text == "$extends", let call = member.parent, call.kind == "call_expression",
              call.child(field: .function) == member {
            current = call
        }
        return current
    }

    private func builder(of value: Node, obstacles: inout [String]) -> Node? {
        var current = value
        var visited = 0
        while visited < 100 {
            visited += 1
            switch current.kind {
            case "parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression":
                guard let inner = current.namedChildren.first else { return nil }
                current = inner
            case "type_assertion":
                guard let inner = current.namedChildren.last else { return nil }
                current = inner
            case "binary_expression", "ternary_expression":
                let sides = current.kind == "ternary_expression"
                    ? [current.child(field: .consequence), current.child(field: .alternative)].compactMap { $0 }
                    : [current.child(field: .left), current.child(field: .right)].compactMap { $0 }
                let operatorText = current.child(field: .operator)?.text ?? ""
                guard current.kind == "ternary_expression" || operatorText == "??" || operatorText == "||" else { return nil }
                var scratch: [String] = []
                let built = sides.filter { builder(of: $0, obstacles: &scratch) != nil }
                guard let side = built.first else { return nil }
                if built.count > 1 {
                    obstacles.append("it chooses between two clients at line \(file.lines.lineNumber(of: current.byteRange.lowerBound))")
                }
                current = side
            case "new_expression":
                guard let constructor = current.child(field: .constructor), classNames.contains(file.text(constructor)) else { return nil }
                return current
            case "call_expression":
                guard let function = current.child(field: .function) else { return nil }
                if function.kind == "identifier", let factory = factories[file.text(function)] {
                    guard (current.child(field: .arguments)?.namedChildCount ?? 0) == 0,
                          (factory.child(field: .parameters)?.namedChildCount ?? 0) == 0,
                          let returned = Self.returnedExpression(of: factory) else {
                        obstacles.append("it is made by \(file.text(function))(), a function of the module with more than a return")
                        return current
                    }
                    current = returned
                    continue
                }
                guard function.kind == "member_expression", function.child(field: .property)?.text == "$extends",
                      let object = function.child(field: .object) else { return nil }
                var base = object
                while base.kind == "call_expression", let inner = base.child(field: .function), inner.kind == "member_expression",
                      inner.child(field: .property)?.text == "$extends", let next = inner.child(field: .object) {
                    base = next
                }
                if base.kind == "new_expression" { return current }
                if base.kind == "identifier", clientValues[file.text(base)] != nil {
                    obstacles.append("it extends \(file.text(base)), a client the module declares itself")
                    return current
                }
                return nil
            case "identifier":
                guard let next = clientValues[file.text(current)] else { return nil }
                current = next
            default:
                return nil
            }
        }
        return nil
    }

    /// The expression body of an arrow function, or the value of the only statement of a
    /// body that is a `return`.
    static func returnedExpression(of function: Node) -> Node? {
        guard let body = function.child(field: .body) else { return nil }
        if body.kind != "statement_block" { return body }
        let statements = body.namedChildren.filter { $0.kind != "comment" }
        guard statements.count == 1, let only = statements.first, only.kind == "return_statement" else { return nil }
        return only.namedChildren.first
    }

    private func read(_ builder: Node, declaredIn modulePath: String, obstacles initial: [String]) -> ClientConstruction? {
        var constructor = builder
        var extensionArguments: [Node] = []
        while constructor.kind == "call_expression", let member = constructor.child(field: .function),
              member.kind == "member_expression", let object = member.child(field: .object) {
            if let arguments = constructor.child(field: .arguments) { extensionArguments.insert(arguments, at: 0) }
            constructor = object
        }
        var state = RenderState(modulePath: modulePath, obstacles: initial)
        let expression = dedented(render(builder, &state), indentation: file.lines.indentation(of: builder.byteRange.lowerBound))
        // Arguments and extensions as they would be written, for comparing; rendered apart so uses are not counted twice.
        var scratch = RenderState(modulePath: modulePath)
        let extensions = extensionArguments.map { "$extends" + render($0, &scratch) }
        let line = file.lines.lineNumber(of: builder.byteRange.lowerBound)
        guard constructor.kind == "new_expression", let classNode = constructor.child(field: .constructor) else {
            // Made by a client or function of the module: what stops a copy is known, the rest is not needed.
            guard !state.obstacles.isEmpty else { return nil }
            return ClientConstruction(expression: expression, line: line, imports: [], globals: [], className: "", arguments: nil,
                                      extensions: extensions, obstacles: state.obstacles)
        }
        let className = file.text(classNode)
        let imports = state.imports.sorted { ($0.localName == className ? 0 : 1) < ($1.localName == className ? 0 : 1) }
        let arguments = constructor.child(field: .arguments).flatMap { $0.namedChildCount == 0 ? nil : render($0, &scratch) }
        return ClientConstruction(expression: expression, line: line, imports: imports, globals: state.globals, className: className,
                                  arguments: arguments.map { String($0.dropFirst().dropLast()) }, extensions: extensions,
                                  obstacles: state.obstacles)
    }

    /// What rendering an expression for another file collects.
    private struct RenderState {
        let modulePath: String
        var obstacles: [String] = []
        var imports: [ClientConstruction.Import] = []
        var globals: [String] = []
        /// Module constants written in place, by declaration offset: once each, or evaluation would repeat.
        var inlined: [Int: Int] = [:]

        init(modulePath: String, obstacles: [String] = []) {
            self.modulePath = modulePath
            self.obstacles = obstacles
        }

        mutating func add(_ obstacle: String) {
            if !obstacles.contains(obstacle) { obstacles.append(obstacle) }
        }
    }

    /// Expressions that need no parentheses wherever a constant's value is written in its place.
    private static let primaryKinds: Set<String> = [
        "identifier", "member_expression", "subscript_expression", "call_expression", "new_expression", "string", "number",
        "template_string", "true", "false", "null", "undefined", "object", "array", "parenthesized_expression",
    ]

    /// The node's text as another file must write it: names it imports are collected, module
    /// constants used once (`const adapter = new PrismaPg(…)`, `const enableLogging = …`) are
    /// written in place (`{ adapter }` becomes `{ adapter: new PrismaPg(…) }`), and anything else
    /// the module declares is an obstacle.
    private func render(_ node: Node, _ state: inout RenderState, depth: Int = 0) -> String {
        var replacements: [(range: Range<Int>, text: String)] = []
        var walk = node.preorder()
        while let current = walk.next() {
            guard ["identifier", "shorthand_property_identifier", "type_identifier"].contains(current.kind) else { continue }
            let name = file.text(current)
            guard let id = scopes.lookup(name, from: scopes.scope(containing: current)) else {
                if current.kind != "type_identifier", !state.globals.contains(name) { state.globals.append(name) }
                if current.kind == "type_identifier", localTypes.contains(name) {
                    state.add("it uses the type \(name), declared in \(state.modulePath)")
                }
                continue
            }
            let declaration = scopes[id]
            if node.byteRange.contains(declaration.node.byteRange.lowerBound) { continue }  // a parameter inside
            if let found = declaration.kind == .import ? importOf(name) : requireOf(declaration.node) {
                if !state.imports.contains(found) { state.imports.append(found) }
                continue
            }
            let line = file.lines.lineNumber(of: declaration.node.byteRange.lowerBound)
            if declaration.kind == .import {
                state.add("it uses \(name), imported as a type only")
            } else if inlinesConstants, depth < 8, clientValues[name] == nil, let value = moduleConstant(declaration) {
                let key = declaration.node.byteRange.lowerBound
                state.inlined[key, default: 0] += 1
                if state.inlined[key] == 2 { state.add("it uses \(name), declared in \(state.modulePath) at line \(line), more than once") }
                var text = render(value, &state, depth: depth + 1)
                if !Self.primaryKinds.contains(value.kind) { text = "(\(text))" }
                replacements.append((current.byteRange, current.kind == "shorthand_property_identifier" ? "\(name): \(text)" : text))
            } else {
                state.add("it uses \(name), declared in \(state.modulePath) at line \(line)")
            }
        }
        var bytes = Array(file.text(node).utf8)
        let base = node.byteRange.lowerBound
        for replacement in replacements.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            bytes.replaceSubrange((replacement.range.lowerBound - base)..<(replacement.range.upperBound - base), with: Array(replacement.text.utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The value of a module-level `const name = value` (not a destructuring).
    private func moduleConstant(_ declaration: ScopeTree.Declaration) -> Node? {
        guard declaration.kind == .const, declaration.scope == scopes.module, let declarator = declaration.node.parent,
              declarator.kind == "variable_declarator", declarator.child(field: .name) == declaration.node else { return nil }
        return declarator.child(field: .value)
    }

    /// The value import that declares a name, when it is one.
    private func importOf(_ localName: String) -> ClientConstruction.Import? {
        for statement in imports where !statement.isTypeOnly {
            if statement.defaultName == localName { return .init(module: statement.module, name: "default", localName: localName) }
            if statement.namespaceName == localName { return .init(module: statement.module, name: "*", localName: localName) }
            if let specifier = statement.named.first(where: { $0.localName == localName && !$0.isType }) {
                return .init(module: statement.module, name: specifier.name, localName: localName)
            }
        }
        return nil
    }

    /// `const { PrismaClient } = require('@prisma/client')` at the top level: an import by another name.
    private func requireOf(_ name: Node) -> ClientConstruction.Import? {
        var property = name
        if let pair = name.parent, pair.kind == "pair_pattern", pair.child(field: .value) == name, let key = pair.child(field: .key) {
            property = key
        } else if name.kind != "shorthand_property_identifier_pattern" {
            return nil
        }
        guard let pattern = property.parent?.kind == "pair_pattern" ? property.parent?.parent : property.parent, pattern.kind == "object_pattern",
              let declarator = pattern.parent, declarator.kind == "variable_declarator", declarator.parent?.parent?.kind == "program",
              let value = declarator.child(field: .value) else { return nil }
        let module: String
        if value.kind == "call_expression", value.child(field: .function)?.text == "require",
           let argument = value.child(field: .arguments)?.namedChildren.first, argument.kind == "string" {
            module = String(file.text(argument).dropFirst().dropLast())
        } else if value.kind == "identifier", let whole = importOf(file.text(value)), whole.name == "default" || whole.name == "*" {
            // `import pkg from '@prisma/client'; const { PrismaClient } = pkg` (CommonJS interop in ESM).
            module = whole.module
        } else {
            return nil
        }
        return .init(module: module, name: file.text(property), localName: file.text(name))
    }

    /// Text with `\n` line breaks, continuation lines losing the indentation of its first line.
    private func dedented(_ text: String, indentation: String) -> String {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        return lines.enumerated().map { index, line in
            index > 0 && line.hasPrefix(indentation) ? String(line.dropFirst(indentation.count)) : String(line)
        }.joined(separator: "\n")
    }
}

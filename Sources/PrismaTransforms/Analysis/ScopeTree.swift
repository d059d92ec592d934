import CodemodCore
import SyntaxTree

/// Where a TypeScript file declares its names and which declaration an identifier
/// refers to. Scopes stand for the module, namespaces, functions (arrow functions and
/// methods too), blocks, class bodies, catch clauses and for-loops; each holds the
/// names declared in it: `var` in its function, `let`, `const`, classes and functions
/// in their block, parameters in their function. Built with one iterative walk;
/// resolving climbs from the reference's scope outwards, so an inner declaration
/// hides an outer one of the same name everywhere in its scope, also before its line.
public struct ScopeTree {
    public struct ScopeID: Hashable, Sendable {
        let index: Int
    }

    public struct DeclarationID: Hashable, Sendable {
        let index: Int
    }

    public enum ScopeKind: Sendable {
        case module, namespace, function, block, classBody, catchClause, forLoop
    }

    public struct Scope {
        public let kind: ScopeKind
        public let node: Node
        public let parent: ScopeID?
        /// Where a `var` declared here lives: the nearest function, namespace or the module.
        let hoistTarget: ScopeID
        /// A function's or catch clause's block is the same scope: a parameter and a
        /// `let` of the same name in its body would be a redeclaration.
        let bodyStart: Int?
        /// Value names declared here.
        fileprivate(set) var names: [String: DeclarationID] = [:]
        /// For class bodies: the properties reached as `this.name`.
        fileprivate(set) var properties: [String: DeclarationID] = [:]
    }

    public enum DeclarationKind: Sendable {
        case `import`, `var`, `let`, `const`, function, `class`, parameter, catchParameter
        /// A class field or a constructor parameter property, reached as `this.name`.
        case property
        /// `this.name = …` in a class that declares no field of that name.
        case assignedProperty
    }

    public struct Declaration {
        public let name: String
        public let kind: DeclarationKind
        /// The identifier (or property name) that declares it.
        public let node: Node
        public let scope: ScopeID
    }

    public let file: ParsedFile
    public private(set) var scopes: [Scope] = []
    public private(set) var declarations: [Declaration] = []
    private var index = NestingIndex()
    /// Declaring name nodes, by start offset, for recognisers that meet the declaration first.
    private var declaredBy: [Int: DeclarationID] = [:]
    private var propertyDeclaredBy: [Int: DeclarationID] = [:]

    public var module: ScopeID { ScopeID(index: 0) }

    public subscript(scope: ScopeID) -> Scope { scopes[scope.index] }
    public subscript(declaration: DeclarationID) -> Declaration { declarations[declaration.index] }

    /// Node kinds that start a function: a scope for parameters, `var` and `await`.
    public static let functionKinds: Set<String> = [
        "arrow_function", "function_expression", "function_declaration", "method_definition",
        "generator_function", "generator_function_declaration",
    ]

    /// Signatures without bodies: their parameters are in a scope of their own that
    /// nothing refers into, so they hide nothing around them.
    private static let signatureKinds: Set<String> = [
        "function_signature", "method_signature", "abstract_method_signature", "call_signature",
        "construct_signature", "function_type", "constructor_type",
    ]

    public init(file: ParsedFile) {
        self.file = file
        let root = file.root
        scopes.append(Scope(kind: .module, node: root, parent: nil, hoistTarget: ScopeID(index: 0), bodyStart: nil))
        index.append(root.byteRange)
        var walk = root.preorder()
        _ = walk.next()
        while let node = walk.next() {
            // Every kind below is a named node; tokens (punctuation, keywords such as the
            // `module` of `declare module`), about half of a tree, are passed over unread.
            guard node.isNamed else { continue }
            guard let role = Self.roles[node] else { continue }
            let current = ScopeID(index: index.innermostOpen(at: node.byteRange.lowerBound) ?? 0)
            switch role {
            case .statementBlock:
                if self[current].bodyStart != node.byteRange.lowerBound { open(.block, node, in: current) }
            case .switchBody:
                open(.block, node, in: current)
            case .classBody:
                open(.classBody, node, in: current)
            case .forStatement:
                open(.forLoop, node, in: current)
            case .forInStatement:
                let loop = open(.forLoop, node, in: current)
                // `for (x of xs)` without a keyword assigns to an outer `x`, it declares nothing.
                if let keyword = node.child(field: .kind), let left = node.child(field: .left) {
                    let kind = Self.variableKind(file.text(keyword))
                    declarePattern(left, kind, in: kind == .var ? self[loop].hoistTarget : loop)
                }
            case .catchClause:
                let clause = open(.catchClause, node, in: current, bodyStart: node.child(field: .body)?.byteRange.lowerBound)
                if let parameter = node.child(field: .parameter) { declarePattern(parameter, .catchParameter, in: clause) }
            case .function:
                openFunction(node, in: current)
            case .signature:
                open(.function, node, in: current)
            case .staticBlock:
                open(.function, node, in: current, bodyStart: node.child(field: .body)?.byteRange.lowerBound)
            case .namespace:
                open(.namespace, node, in: current, bodyStart: node.child(field: .body)?.byteRange.lowerBound)
            case .ambientDeclaration:
                // `declare global { var x: T }` declares globals, not names of this module.
                if let block = node.namedChildren.first(where: { $0.kind == "statement_block" }) {
                    open(.namespace, node, in: current, bodyStart: block.byteRange.lowerBound)
                }
            case .classDeclaration:
                if let name = node.child(field: .name) { declare(name, .class, in: current) }
            case .variableDeclaration:
                let kind = node.kind == "variable_declaration" ? .var : Self.variableKind(node.child(field: .kind).map(file.text) ?? "")
                for declarator in node.namedChildren where declarator.kind == "variable_declarator" {
                    if let name = declarator.child(field: .name) {
                        declarePattern(name, kind, in: kind == .var ? self[current].hoistTarget : current)
                    }
                }
            case .formalParameters:
                // JavaScript's parameters are bare patterns (TypeScript wraps them in required_parameter).
                for parameter in node.namedChildren where !["required_parameter", "optional_parameter", "comment"].contains(parameter.kind) {
                    declarePattern(parameter, .parameter, in: current)
                }
            case .parameter:
                guard let pattern = node.child(field: .pattern) else { break }
                declarePattern(pattern, .parameter, in: current)
                if pattern.kind == "identifier", Self.isParameterProperty(node), let body = enclosingClassBody(of: current) {
                    declareProperty(pattern, .property, in: body)
                }
            case .field:
                if let name = node.child(field: .name), self[current].kind == .classBody {
                    declareProperty(name, .property, in: current)
                }
            case .assignment:
                if let left = node.child(field: .left), left.kind == "member_expression",
                   left.child(field: .object)?.kind == "this", let property = left.child(field: .property),
                   let body = enclosingClassBody(of: current) {
                    declareProperty(property, .assignedProperty, in: body)
                }
            case .importStatement:
                declareImports(node, in: current)
                walk.skipChildren()
            case .typeOnly:
                // Types declare no values.
                walk.skipChildren()
            }
        }
    }

    /// What the walk does with a node kind; kinds not named here declare and open nothing.
    private enum Role: Sendable {
        case statementBlock, switchBody, classBody, forStatement, forInStatement, catchClause, function, signature
        case staticBlock, namespace, ambientDeclaration, classDeclaration, variableDeclaration, formalParameters
        case parameter, field, assignment, importStatement, typeOnly
    }

    private static let roles: KindMap<Role> = {
        var roles: [String: Role] = [
            "statement_block": .statementBlock, "switch_body": .switchBody, "class_body": .classBody,
            "for_statement": .forStatement, "for_in_statement": .forInStatement, "catch_clause": .catchClause,
            "class_static_block": .staticBlock, "internal_module": .namespace, "module": .namespace,
            "ambient_declaration": .ambientDeclaration, "class_declaration": .classDeclaration,
            "abstract_class_declaration": .classDeclaration, "lexical_declaration": .variableDeclaration,
            "variable_declaration": .variableDeclaration, "formal_parameters": .formalParameters,
            "required_parameter": .parameter, "optional_parameter": .parameter, "public_field_definition": .field,
            "assignment_expression": .assignment, "import_statement": .importStatement,
            "type_annotation": .typeOnly, "interface_declaration": .typeOnly, "type_alias_declaration": .typeOnly,
        ]
        for kind in functionKinds { roles[kind] = .function }
        for kind in signatureKinds { roles[kind] = .signature }
        return KindMap(roles)
    }()

    // MARK: - Queries

    /// The innermost scope around a node.
    public func scope(containing node: Node) -> ScopeID {
        ScopeID(index: index.innermost(containing: node.byteRange) ?? 0)
    }

    /// The declaration `name` means in `scope`: the scope's own, else the nearest outer one.
    public func lookup(_ name: String, from scope: ScopeID) -> DeclarationID? {
        var current: ScopeID? = scope
        while let id = current {
            if let found = self[id].names[name] {
                // Found at the top: a left-out statement may declare it first (`var`), and the first declaration is the one kept.
                if id == module { file.omitted?.assumeNotRedeclared(name) }
                return found
            }
            current = self[id].parent
        }
        // Not declared in the statements parsed: a left-out one may declare it.
        file.omitted?.assumeUndeclared(name)
        return nil
    }

    /// The declaration a reference refers to: an identifier (also `{ prisma }` shorthand)
    /// through the scopes around it, `this.name` through the enclosing class body,
    /// `Repo.name` through the body of the class `Repo` (its static members).
    /// Nil for a global, an undeclared name or anything else.
    public func resolve(_ reference: Node) -> DeclarationID? {
        switch reference.kind {
        case "identifier", "shorthand_property_identifier":
            return lookup(file.text(reference), from: scope(containing: reference))
        case "member_expression":
            guard let object = reference.child(field: .object), let property = reference.child(field: .property) else { return nil }
            if object.kind == "this" {
                return enclosingClassBody(of: scope(containing: reference)).flatMap { self[$0].properties[file.text(property)] }
            }
            // `Repo.prisma`: a static member of a class this file declares.
            guard object.kind == "identifier", let declared = resolve(object), self[declared].kind == .class,
                  let body = self[declared].node.parent?.child(field: .body) else { return nil }
            let scope = scope(containing: body)
            return self[scope].kind == .classBody ? self[scope].properties[file.text(property)] : nil
        default:
            return nil
        }
    }

    /// The declaration a declaring name node introduces (a declarator's or a parameter's
    /// identifier, or a name inside their patterns).
    public func declaration(declaredBy name: Node) -> DeclarationID? {
        declaredBy[name.byteRange.lowerBound]
    }

    /// The class property a field name, parameter property or `this.name =` target introduces.
    public func property(declaredBy name: Node) -> DeclarationID? {
        propertyDeclaredBy[name.byteRange.lowerBound]
    }

    /// The nearest class body at or around a scope.
    public func enclosingClassBody(of scope: ScopeID) -> ScopeID? {
        var current: ScopeID? = scope
        while let id = current, self[id].kind != .classBody { current = self[id].parent }
        return current
    }

    // MARK: - Building

    @discardableResult
    private mutating func open(_ kind: ScopeKind, _ node: Node, in parent: ScopeID, bodyStart: Int? = nil) -> ScopeID {
        let id = ScopeID(index: scopes.count)
        let hoists = kind == .function || kind == .namespace
        scopes.append(Scope(kind: kind, node: node, parent: parent, hoistTarget: hoists ? id : self[parent].hoistTarget,
                            bodyStart: bodyStart))
        index.append(node.byteRange)
        return id
    }

    private mutating func openFunction(_ node: Node, in current: ScopeID) {
        let name = node.child(field: .name)
        let isDeclaration = node.kind == "function_declaration" || node.kind == "generator_function_declaration"
        // A declared function's name belongs to the scope around it; a function
        // expression's name only to the function itself.
        if isDeclaration, let name { declare(name, .function, in: current) }
        let function = open(.function, node, in: current, bodyStart: node.child(field: .body)?.byteRange.lowerBound)
        if !isDeclaration, let name, name.kind == "identifier" { declare(name, .function, in: function) }
        // `x => …`: a parameter without parentheses.
        if let parameter = node.child(field: .parameter), parameter.kind == "identifier" {
            declare(parameter, .parameter, in: function)
        }
    }

    /// Declares every identifier a binding pattern binds: `x`, `{ a, b: c, d = 1 }`, `[e, ...f]`.
    private mutating func declarePattern(_ pattern: Node, _ kind: DeclarationKind, in scope: ScopeID) {
        var pending = [pattern]
        while let node = pending.popLast() {
            switch node.kind {
            case "identifier", "shorthand_property_identifier_pattern":
                declare(node, kind, in: scope)
            case "pair_pattern":
                // In `{ key: value }` only the value side is declared.
                if let value = node.child(field: .value) { pending.append(value) }
            case "object_assignment_pattern", "assignment_pattern":
                if let left = node.child(field: .left) { pending.append(left) }
            case "object_pattern", "array_pattern", "rest_pattern":
                pending.append(contentsOf: node.namedChildren.reversed())
            default:
                // Default values, computed keys and `this` parameters declare nothing.
                break
            }
        }
    }

    private mutating func declare(_ name: Node, _ kind: DeclarationKind, in scope: ScopeID) {
        let text = file.text(name)
        // A name declared again in one scope (`var x` twice) is the same variable.
        if let existing = self[scope].names[text] {
            declaredBy[name.byteRange.lowerBound] = existing
            return
        }
        let id = DeclarationID(index: declarations.count)
        declarations.append(Declaration(name: text, kind: kind, node: name, scope: scope))
        scopes[scope.index].names[text] = id
        declaredBy[name.byteRange.lowerBound] = id
    }

    private mutating func declareProperty(_ name: Node, _ kind: DeclarationKind, in body: ScopeID) {
        let text = file.text(name)
        // A field declared below the constructor that assigns it is still the field.
        if let existing = self[body].properties[text], !(self[existing].kind == .assignedProperty && kind == .property) {
            propertyDeclaredBy[name.byteRange.lowerBound] = existing
            return
        }
        let id = DeclarationID(index: declarations.count)
        declarations.append(Declaration(name: text, kind: kind, node: name, scope: body))
        scopes[body.index].properties[text] = id
        propertyDeclaredBy[name.byteRange.lowerBound] = id
    }

    /// `import d, { a as b } from 'm'`, `import * as ns from 'm'`, `import x = require('m')`.
    private mutating func declareImports(_ statement: Node, in scope: ScopeID) {
        var pending = statement.namedChildren.reversed().filter { ["import_clause", "import_require_clause"].contains($0.kind) }
        while let node = pending.popLast() {
            switch node.kind {
            case "identifier":
                declare(node, .import, in: scope)
            case "import_specifier":
                if let name = node.child(field: .alias) ?? node.child(field: .name), name.kind == "identifier" {
                    declare(name, .import, in: scope)
                }
            case "import_clause", "named_imports", "namespace_import":
                pending.append(contentsOf: node.namedChildren.reversed())
            case "import_require_clause":
                if let name = node.namedChildren.first, name.kind == "identifier" { declare(name, .import, in: scope) }
            default:
                break
            }
        }
    }

    private static func variableKind(_ keyword: String) -> DeclarationKind {
        switch keyword {
        case "var": .var
        case "let": .let
        default: .const
        }
    }

    /// `constructor(private readonly prisma: PrismaClient)`: also a property of the class.
    static func isParameterProperty(_ parameter: Node) -> Bool {
        parameter.namedChildren.contains { $0.kind == "accessibility_modifier" } || parameter.children.contains { $0.kind == "readonly" }
    }
}

import SyntaxTree

/// The value names a module exports, read from its syntax tree (comments and strings never
/// count): its own exports with the local name each stands for, and the modules it re-exports.
/// ES exports (`export function f`, `export const f`, `export { a as f }`, `export default`)
/// and CommonJS ones (`module.exports = { f }`, `exports.f = …`).
public struct ModuleExports: Sendable, Equatable {
    public struct Reexport: Sendable, Equatable {
        public var specifier: String
        /// Exported name → the name in the source module; nil for `export * from`.
        public var names: [String: String]?

        public init(specifier: String, names: [String: String]?) {
            self.specifier = specifier
            self.names = names
        }
    }

    /// What an export of the module's own gives.
    public enum Value: Sendable, Equatable {
        /// A binding of the module, by its local name.
        case local(String)
        /// An expression with no name in the module: `export default {…}`, `exports.f = () => …`.
        case expression
    }

    /// Exported name → what it exports.
    public private(set) var own: [String: Value] = [:]
    public private(set) var reexports: [Reexport] = []

    public init(file: ParsedFile) {
        for statement in file.root.namedChildren {
            switch statement.kind {
            case "export_statement":
                read(export: statement, in: file)
            case "expression_statement":
                if let assignment = statement.namedChildren.first, assignment.kind == "assignment_expression" {
                    read(commonJS: assignment, in: file)
                }
            default:
                break
            }
        }
    }

    private mutating func read(export statement: Node, in file: ParsedFile) {
        let clause = statement.namedChildren.first { $0.kind == "export_clause" }
        if let source = statement.child(field: .source) {
            let specifier = Self.unquote(file.text(source))
            if let clause {
                var names: [String: String] = [:]
                for (exported, original) in Self.specifiers(of: clause, in: file) { names[exported] = original }
                reexports.append(Reexport(specifier: specifier, names: names))
            } else if let namespace = statement.namedChildren.first(where: { $0.kind == "namespace_export" }) {
                // `export * as db from './db'`: one name, an object, not the module's names.
                if let name = namespace.namedChildren.last { own[file.text(name)] = .expression }
            } else {
                reexports.append(Reexport(specifier: specifier, names: nil))
            }
            return
        }
        if let clause {
            for (exported, local) in Self.specifiers(of: clause, in: file) { own[exported] = .local(local) }
            return
        }
        let isDefault = statement.children.contains { !$0.isNamed && file.text($0) == "default" }
        if let declaration = statement.child(field: .declaration) {
            for name in Self.declaredNames(declaration, in: file) { own[isDefault ? "default" : name] = .local(name) }
            return
        }
        if isDefault, let value = statement.child(field: .value) {
            own["default"] = Self.value(value, in: file)
        }
    }

    /// `module.exports = { f, g: h }`, `module.exports.f = …`, `exports.f = …`.
    private mutating func read(commonJS assignment: Node, in file: ParsedFile) {
        guard let left = assignment.child(field: .left), let right = assignment.child(field: .right) else { return }
        let target = file.text(left)
        if target == "module.exports" {
            guard right.kind == "object" else {
                own["default"] = Self.value(right, in: file)
                return
            }
            for property in right.namedChildren {
                switch property.kind {
                case "shorthand_property_identifier":
                    own[file.text(property)] = .local(file.text(property))
                case "pair":
                    guard let key = property.child(field: .key), let value = property.child(field: .value) else { continue }
                    own[Self.unquote(file.text(key))] = Self.value(value, in: file)
                default:
                    continue
                }
            }
        } else if target.hasPrefix("exports.") || target.hasPrefix("module.exports.") {
            let name = String(target.split(separator: ".").last ?? "")
            own[name] = Self.value(right, in: file)
        }
    }

    private static func value(_ expression: Node, in file: ParsedFile) -> Value {
        expression.kind == "identifier" ? .local(file.text(expression)) : .expression
    }

    /// The names an exported declaration introduces: functions, classes, each variable.
    private static func declaredNames(_ declaration: Node, in file: ParsedFile) -> [String] {
        if let name = declaration.child(field: .name), name.kind == "identifier" || name.kind == "type_identifier" {
            return ["function_declaration", "generator_function_declaration", "class_declaration", "abstract_class_declaration",
                    "enum_declaration"].contains(declaration.kind) ? [file.text(name)] : []
        }
        return declaration.namedChildren.compactMap { declarator in
            guard declarator.kind == "variable_declarator", let name = declarator.child(field: .name), name.kind == "identifier" else { return nil }
            return file.text(name)
        }
    }

    /// `a`, `a as b`, `default as b` in an export clause: (exported name, name it stands for).
    private static func specifiers(of clause: Node, in file: ParsedFile) -> [(String, String)] {
        clause.namedChildren.compactMap { specifier in
            guard specifier.kind == "export_specifier", let name = specifier.child(field: .name) else { return nil }
            let original = unquote(file.text(name))
            return (specifier.child(field: .alias).map { unquote(file.text($0)) } ?? original, original)
        }
    }

    static func unquote(_ text: String) -> String {
        guard text.count >= 2, let first = text.first, first == "'" || first == "\"" else { return text }
        return String(text.dropFirst().dropLast())
    }
}

import CodemodCore
import SyntaxTree

/// Stable keys for the Prisma calls of one file: the names of the functions around the
/// call, the call as people write it, its text without white space, and its occurrence
/// among equal keys in the file (with their count, when there are several). Moving lines, re-indenting and edits elsewhere keep a
/// key; wrapping a call in the retry helper or unwrapping it keeps it too, so the journal's
/// keys find the same sites for the inverse transform.
struct SiteKeys {
    private var byCall: [Int: SiteKey] = [:]

    /// `withText: false` leaves the call's text out, for transforms that rewrite inside the call.
    init(_ prisma: PrismaFile, withText: Bool = true) {
        let file = prisma.file
        var paths: [ScopeTree.ScopeID: String] = [:]
        let bases = prisma.calls.map { call in
            var base = "\(Self.functionPath(of: prisma.scopes.scope(containing: call.call), in: prisma.scopes, cache: &paths))/\(call.label)"
            if withText { base += "/" + Self.fingerprint(file.bytes[call.expressionRange]) }
            return base
        }
        let totals = bases.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
        var seen: [String: Int] = [:]
        for (call, base) in zip(prisma.calls, bases) {
            let occurrence = seen[base, default: 0]
            seen[base] = occurrence + 1
            // The count of equal calls is part of the key: a third identical call added later
            // changes every key of the group, so a revert reports them instead of guessing.
            let key = totals[base, default: 1] == 1 ? "\(base)#0" : "\(base)#\(occurrence)of\(totals[base, default: 1])"
            byCall[call.call.byteRange.lowerBound] = SiteKey(key)
        }
    }

    subscript(call: PrismaCall) -> SiteKey {
        byCall[call.call.byteRange.lowerBound] ?? SiteKey("<unknown>/\(call.label)")
    }

    /// The named functions, methods and classes around a scope, outermost first (`UserService.find`),
    /// `<module>` at the top level. Anonymous callbacks add nothing: they have no name to keep.
    /// Walks scopes, not tree parents (a tree-sitter parent costs the node's depth), once per scope.
    static func functionPath(of scope: ScopeTree.ScopeID, in scopes: ScopeTree, cache: inout [ScopeTree.ScopeID: String]) -> String {
        var chain: [ScopeTree.ScopeID] = []
        var current: ScopeTree.ScopeID? = scope
        while let id = current, cache[id] == nil {
            chain.append(id)
            current = scopes[id].parent
        }
        var path = current.flatMap { cache[$0] } ?? ""
        for id in chain.reversed() {
            let node = scopes[id].node
            let owner = scopes[id].kind == .classBody ? node.parent : node
            if [.function, .classBody].contains(scopes[id].kind), let owner, let name = name(of: owner, in: scopes.file) {
                path = path.isEmpty ? name : path + "." + name
            }
            cache[id] = path
        }
        return path.isEmpty ? "<module>" : path
    }

    private static func name(of node: Node, in file: ParsedFile) -> String? {
        switch node.kind {
        case "function_declaration", "generator_function_declaration", "method_definition", "class_declaration",
             "abstract_class_declaration", "class":
            return node.child(field: .name).map(file.text)
        case "arrow_function", "function_expression", "function":
            guard let holder = node.parent else { return nil }
            switch holder.kind {
            case "variable_declarator", "public_field_definition": return holder.child(field: .name).map(file.text)
            case "pair": return holder.child(field: .key).map(file.text)
            case "assignment_expression": return holder.child(field: .left).map(file.text)
            default: return nil
            }
        default:
            return nil
        }
    }

    /// The call's text without white space, hashed short: re-indenting does not change it.
    static func fingerprint(_ bytes: ArraySlice<UInt8>) -> String {
        let compact = bytes.filter { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        return String(sha256Hex(compact).prefix(12))
    }
}

extension PrismaCall {
    /// `model.method` (or `client.method` for client methods): what `--only` names.
    var operationName: String { "\(model ?? client).\(method)" }
}

import CTreeSitter
import CTreeSitterTypeScript

/// The grammars this tool parses. `.tsx` files need the TSX grammar (JSX); every
/// other TypeScript extension uses the plain TypeScript grammar, where `<T>x` is a cast.
/// JavaScript files get the JavaScript grammar, which reads JSX in `.js` files and
/// `a < b > (c)` as comparisons, as Node and Babel do (the TypeScript grammar would not).
public enum Language: String, Sendable, CaseIterable {
    case typescript
    case tsx
    case javascript

    /// Every extension this tool reads (lowercased, without the dot), in the order
    /// messages list them; all of them by default.
    public static let extensions = ["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"]

    /// The grammar for an extension as `extensions` spells it.
    public init?(extension: String) {
        switch `extension` {
        case "ts", "mts", "cts": self = .typescript
        case "tsx": self = .tsx
        case "js", "jsx", "mjs", "cjs": self = .javascript
        default: return nil
        }
    }

    /// The grammar for a file name, or nil when the file is not TypeScript or JavaScript
    /// source (declaration files, `.d.ts` and kin, describe types only: never read).
    public init?(fileName: String) {
        guard let fileExtension = Self.sourceExtension(of: fileName) else { return nil }
        self.init(extension: fileExtension)
    }

    /// The lowercased extension of a source file name, without the dot; nil for a name
    /// without one and for declaration files.
    public static func sourceExtension(of fileName: String) -> String? {
        let name = fileName.split(separator: "/").last.map(String.init)?.lowercased() ?? ""
        if [".d.ts", ".d.mts", ".d.cts"].contains(where: name.hasSuffix) { return nil }
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        return String(name[name.index(after: dot)...])
    }

    var pointer: OpaquePointer {
        switch self {
        case .typescript: return OpaquePointer(tree_sitter_typescript())
        case .tsx: return OpaquePointer(tree_sitter_tsx())
        case .javascript: return OpaquePointer(tree_sitter_javascript())
        }
    }
}

/// A grammar's node kind and field names, read once per language rather than per tree.
struct GrammarNames: Sendable {
    let kinds: [String]
    let fields: [String]
    let fieldIDs: [String: UInt16]

    init(_ language: Language) {
        let grammar = language.pointer
        kinds = (0..<ts_language_symbol_count(grammar)).map { symbol in
            ts_language_symbol_name(grammar, TSSymbol(symbol)).map { String(cString: $0) } ?? ""
        }
        // Field ids run from 1; 0 means "no field".
        fields = (0...ts_language_field_count(grammar)).map { id in
            id == 0 ? "" : ts_language_field_name_for_id(grammar, TSFieldId(id)).map { String(cString: $0) } ?? ""
        }
        var ids: [String: UInt16] = [:]
        for (id, name) in fields.enumerated() where id > 0 && !name.isEmpty { ids[name] = UInt16(id) }
        fieldIDs = ids
    }

    static let typescript = GrammarNames(.typescript)
    static let tsx = GrammarNames(.tsx)
    static let javascript = GrammarNames(.javascript)
}

extension Language {
    var names: GrammarNames {
        switch self {
        case .typescript: return .typescript
        case .tsx: return .tsx
        case .javascript: return .javascript
        }
    }
}

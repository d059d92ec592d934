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
        // Over the UTF-8 view, without splitting the path: this runs for every file listed.
        let bytes = fileName.utf8
        let nameStart = bytes.lastIndex(of: UInt8(ascii: "/")).map(bytes.index(after:)) ?? bytes.startIndex
        guard let dot = bytes[nameStart...].lastIndex(of: UInt8(ascii: ".")), dot != nameStart else { return nil }
        let fileExtension = String(fileName[bytes.index(after: dot)...]).lowercased()
        // Declaration files (`x.d.ts`, `X.D.MTS`) are no source.
        if ["ts", "mts", "cts"].contains(fileExtension), bytes.distance(from: nameStart, to: dot) >= 2 {
            let d = bytes.index(dot, offsetBy: -1)
            if bytes[bytes.index(d, offsetBy: -1)] == UInt8(ascii: "."), bytes[d] | 0x20 == UInt8(ascii: "d") { return nil }
        }
        return fileExtension
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
    /// The id of each `Field` in this grammar (0: the grammar has no such field).
    let fieldIDsByField: [UInt16]

    init(_ language: Language) {
        let grammar = language.pointer
        kinds = (0..<ts_language_symbol_count(grammar)).map { symbol in
            ts_language_symbol_name(grammar, TSSymbol(symbol)).map { String(cString: $0) } ?? ""
        }
        // Field ids run from 1; 0 means "no field".
        fields = (0...ts_language_field_count(grammar)).map { id in
            id == 0 ? "" : ts_language_field_name_for_id(grammar, TSFieldId(id)).map { String(cString: $0) } ?? ""
        }
        let fields = fields
        fieldIDsByField = Field.allCases.map { field in fields.firstIndex(of: field.grammarName).map { UInt16($0) } ?? 0 }
    }

    /// The id of a field name, or nil when the grammar has no such field.
    func fieldID(_ name: String) -> UInt16? {
        fields.firstIndex(of: name).flatMap { $0 > 0 ? UInt16($0) : nil }
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

    /// The grammars compiled into this binary: their packages and versions (from the VERSION
    /// files scripts/setup.sh writes) and the tree-sitter ABI they were generated for.
    public static var grammarVersions: String {
        func trimmed(_ text: UnsafePointer<CChar>) -> String {
            String(cString: text).filter { !$0.isWhitespace }
        }
        let abi = ts_language_version(Language.typescript.pointer)
        return "TypeScript and TSX grammars from tree-sitter-language-pack \(trimmed(prisma_codemod_typescript_grammar_version())), "
            + "JavaScript grammar tree-sitter-javascript \(trimmed(prisma_codemod_javascript_grammar_version())) "
            + "(tree-sitter ABI \(abi))"
    }
}

/// The field names the analyses ask for, resolved to each grammar's ids once: `child(field:)`
/// is asked at almost every step of an analysis, and an index beats hashing a name.
public enum Field: Int, CaseIterable, Sendable {
    case name, object, function, property, value, arguments, left, right, body, constructor, parameter, pattern,
         parameters, type, source, key, declaration, alias, consequence, alternative, `operator`, kind, typeArguments

    /// The name the grammars give the field.
    var grammarName: String { self == .typeArguments ? "type_arguments" : "\(self)" }
}

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

extension Language {
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

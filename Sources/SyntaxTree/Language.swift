import CTreeSitter
import CTreeSitterTypeScript

/// The grammars this tool parses. `.tsx` files need the TSX grammar (JSX); every
/// other TypeScript extension uses the plain TypeScript grammar, where `<T>x` is a cast.
public enum Language: String, Sendable, CaseIterable {
    case typescript
    case tsx

    /// The grammar for a file name, or nil when the extension is not TypeScript.
    public init?(fileName: String) {
        let lowered = fileName.lowercased()
        if lowered.hasSuffix(".d.ts") { return nil }
        if lowered.hasSuffix(".tsx") {
            self = .tsx
        } else if lowered.hasSuffix(".ts") || lowered.hasSuffix(".mts") || lowered.hasSuffix(".cts") {
            self = .typescript
        } else {
            return nil
        }
    }

    var pointer: OpaquePointer {
        switch self {
        case .typescript: return OpaquePointer(tree_sitter_typescript())
        case .tsx: return OpaquePointer(tree_sitter_tsx())
        }
    }
}

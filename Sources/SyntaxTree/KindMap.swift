/// Node kinds mapped to values once per grammar: a walk that branches on many kinds asks
/// an array by the node's symbol instead of comparing its kind with each name in turn.
public struct KindMap<Value: Sendable>: Sendable {
    @usableFromInline let typescript: [Value?]
    @usableFromInline let tsx: [Value?]
    @usableFromInline let javascript: [Value?]
    @usableFromInline let error: Value?

    public init(_ values: [String: Value]) {
        func table(_ names: GrammarNames) -> [Value?] { names.kinds.map { values[$0] } }
        typescript = table(.typescript)
        tsx = table(.tsx)
        javascript = table(.javascript)
        error = values["ERROR"]
    }

    /// The value of the node's kind, or nil when the map does not name it. Inlinable, so each
    /// caller gets it specialised for its own value type (no generic metadata per node).
    @inlinable public subscript(node: Node) -> Value? {
        let symbol = Int(node.tree.symbols[node.index])
        let table: [Value?]
        switch node.tree.language {
        case .typescript: table = typescript
        case .tsx: table = tsx
        case .javascript: table = javascript
        }
        return symbol < table.count ? table[symbol] : error
    }
}

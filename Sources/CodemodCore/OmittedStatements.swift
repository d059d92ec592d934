/// The top-level statements a parse left out (`ParsedFile.clean(…statementsWhere:)`), and
/// what an analysis of the rest assumed of them: that none uses a name it follows (a client
/// or a retry helper bound at the top level), that none declares a name it looked up at the
/// top level and did not find, and that none declares again one it found there. If a left-out
/// statement may break any of them, the analysis is not trusted and the file is analysed again
/// from a whole parse.
///
/// The tests are over the bytes and err on the side of "may": an assumption is trusted only
/// when the left-out text cannot break it. One per parsed file, used by the one worker analysing it.
public final class OmittedStatements {
    public let ranges: [Range<Int>]
    private let bytes: [UInt8]
    private var unused: Set<String> = []
    private var undeclared: Set<String> = []
    private var redeclared: Set<String> = []
    /// Whether an analysis said what it assumed at all (an analysis that never did is not trusted).
    private var wasReviewed = false

    init(ranges: [Range<Int>], bytes: [UInt8]) {
        self.ranges = ranges
        self.bytes = bytes
    }

    /// The analysis follows these names, so no left-out statement may mention them.
    public func assumeUnused<Names: Sequence<String>>(_ names: Names) {
        wasReviewed = true
        unused.formUnion(names)
    }

    /// The analysis took `name` to be undeclared at the top level, so no left-out statement may declare it.
    public func assumeUndeclared(_ name: String) {
        undeclared.insert(name)
    }

    /// The analysis found `name` declared at the top level, so no left-out statement may declare
    /// it as well (a `var` before it would be the declaration a whole parse finds).
    public func assumeNotRedeclared(_ name: String) {
        redeclared.insert(name)
    }

    /// Whether the analysis holds as it is.
    public var analysisHolds: Bool {
        guard wasReviewed else { return false }
        return !ranges.contains { range in
            let text = bytes[range]
            return unused.contains { ByteSearch.containsWord(text, $0) } || undeclared.contains { name in
                // Globals are used everywhere, so for them only a declaration counts; any other
                // name a left-out statement mentions it may declare (`var a = 1, db: T`).
                Self.globals.contains(name) ? Self.mayDeclare(name, in: text) : ByteSearch.containsWord(text, name)
            } || redeclared.contains { Self.mayDeclare($0, in: text) }
        }
    }

    /// The standard globals of JavaScript, TypeScript and Node that code uses without declaring.
    static let globals: Set<String> = [
        "Object", "Array", "Number", "String", "Boolean", "Symbol", "BigInt", "Math", "JSON", "Date", "RegExp", "Error",
        "TypeError", "RangeError", "SyntaxError", "Promise", "Map", "Set", "WeakMap", "WeakSet", "WeakRef", "Proxy", "Reflect",
        "Intl", "Function", "ArrayBuffer", "DataView", "Uint8Array", "Int32Array", "Float64Array", "parseInt", "parseFloat",
        "isNaN", "isFinite", "encodeURIComponent", "decodeURIComponent", "encodeURI", "decodeURI", "undefined", "NaN",
        "Infinity", "globalThis", "console", "process", "Buffer", "setTimeout", "clearTimeout", "setInterval",
        "clearInterval", "setImmediate", "clearImmediate", "queueMicrotask", "structuredClone", "require", "module",
        "exports", "__dirname", "__filename", "URL", "URLSearchParams", "fetch", "TextEncoder", "TextDecoder",
        "AbortController", "crypto", "window", "document",
    ]

    /// Whether `name` stands where a declaration puts it: after a declaring keyword (`const`,
    /// `function`, `class`, `as`…) or a comment, or after `{` `[` `,` `:` `...` and before
    /// `,` `}` `]` `=` `;` `:` `!` `?` (a destructured name, the second of `let a, b;`). A use
    /// such as `Number(x)`, `console.log` or `o.db = 1` is not one.
    static func mayDeclare(_ name: String, in text: ArraySlice<UInt8>) -> Bool {
        let word = Array(name.utf8)
        var from = text.startIndex
        while let offset = ByteSearch.firstOffset(of: word, in: text, from: from) {
            from = offset + 1
            let end = offset + word.count
            guard offset == text.startIndex || !ByteSearch.isIdentifierByte(text[offset - 1]),
                  end == text.endIndex || !ByteSearch.isIdentifierByte(text[end]) else { continue }
            var before = offset
            var lineStart = false
            while before > text.startIndex, ByteSearch.isWhiteSpace(text[before - 1]) || text[before - 1] >= 0x80 {
                // Other white space (U+00A0, U+2003…) is not told from a letter here: count it as declaring.
                if text[before - 1] >= 0x80 { return true }
                if text[before - 1] == 0x0A || text[before - 1] == 0x0D { lineStart = true }
                before -= 1
            }
            var wordStart = before
            while wordStart > text.startIndex, ByteSearch.isIdentifierByte(text[wordStart - 1]) { wordStart -= 1 }
            if wordStart < before, declaringWords.contains(Array(text[wordStart..<before])) { return true }
            var after = end
            while after < text.endIndex, ByteSearch.isWhiteSpace(text[after]) { after += 1 }
            if after < text.endIndex, text[after] >= 0x80 { return true }
            let previous: UInt8 = before > text.startIndex ? text[before - 1] : 0
            let next: UInt8 = after < text.endIndex ? text[after] : 0
            // `*` of `function* name`; the end of a comment (`const /* c */ name`); `...rest`; a
            // pattern's opener or separator (`let a, b;`, `var a = 1, b: T`, `let b!: T`).
            if previous == UInt8(ascii: "*") || previous == UInt8(ascii: "/") { return true }
            let isRest = before - text.startIndex >= 3 && text[(before - 3)..<before].elementsEqual("...".utf8)
            // At a line's start what comes before may be a comment's text (`let a = 1, // why\n  b = 2`).
            if isRest || lineStart || [UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: ","), UInt8(ascii: ":")].contains(previous),
               [UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: "="), UInt8(ascii: ";"), UInt8(ascii: ":"),
                UInt8(ascii: "!"), UInt8(ascii: "?"), 0].contains(next) {
                return true
            }
        }
        return false
    }

    private static let declaringWords: Set<[UInt8]> = Set([
        "const", "let", "var", "function", "class", "enum", "namespace", "module", "interface", "type", "import", "as",
        "using", "declare", "abstract", "global",
    ].map { Array($0.utf8) })
}

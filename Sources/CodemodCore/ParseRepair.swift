import SyntaxTree

/// Parses a file the way TypeScript reads it, where tree-sitter-typescript 0.23 does not.
///
/// The original text is parsed first; most files end there. Only where that tree shows a
/// construct the grammar gets wrong is a repaired view parsed: the original with those
/// bytes blanked to spaces (line breaks kept), so every byte offset, line and column of the
/// repaired tree is the original's and nothing needs mapping back. Each repair is found
/// in the text and confirmed by the tree, so a look-alike inside a string, a comment or
/// JSX markup is left alone.
enum ParseRepair {
    /// The tree to work from and the byte ranges blanked in the text it was parsed from.
    struct Outcome {
        var tree: Tree
        var repairs: [Range<Int>]
    }

    /// A repair can uncover the next one (tree-sitter's recovery after one error may hide
    /// another); a few rounds suffice, and a bound keeps a hostile file from looping.
    static let maximumRounds = 4

    /// `retainingRuntime`: keep the parser's tree where the text was parsed as it is, for a
    /// `reusing` parse of an edited version of it later. `reusing`: this text is `previous`'s
    /// with `changes` made; its tree is re-read incrementally where `previous` kept one.
    /// `statementsWhere`: parse only the top-level statements it keeps (`Parser.parse(_:statementsWhere:)`);
    /// a repaired view is parsed whole.
    static func parse(_ bytes: [UInt8], with parser: Parser, retainingRuntime: Bool = false,
                      reusing previous: (tree: Tree, changes: [SourceChange])? = nil,
                      statementsWhere keep: (([Range<Int>]) -> [Bool])? = nil) throws -> Outcome {
        var view = bytes
        var viewIsText = true
        // A leading BOM is never text; blanking it is not a guess, so the first parse has it blanked too.
        if view.starts(with: [0xEF, 0xBB, 0xBF]) {
            view.replaceSubrange(0..<3, with: [0x20, 0x20, 0x20])
            viewIsText = false
        }
        // A lone CR ends a line for TypeScript, but tree-sitter's automatic semicolons only see
        // LF: a CR-only file reads as one line. LF in its place keeps every offset and line.
        for index in view.indices where view[index] == carriageReturn && (index + 1 == view.count || view[index + 1] != newline) {
            view[index] = newline
            viewIsText = false
        }
        // Only a text parsed as it is can be re-read incrementally: a view's changes are not the text's.
        let original: Tree
        if viewIsText, let previous {
            original = try parser.reparse(view, previous: previous.tree, changes: previous.changes)
        } else if let keep, !retainingRuntime {
            original = try parser.parse(view, statementsWhere: keep)
        } else {
            original = try parser.parse(view, retainingRuntime: retainingRuntime && viewIsText)
        }
        // A typed tagged template can mis-parse without an error, as comparisons
        // (`tag<A>`x`` reads as `(tag < A) > `x``), so a clean tree is not proof; but
        // without a `>` before a backtick there is nothing to look for.
        guard original.root.hasError || hasTemplateAfterAngle(view) else { return Outcome(tree: original, repairs: []) }
        var tree = original
        var repairs: [Range<Int>] = []
        for _ in 0..<maximumRounds {
            let found = typedTemplateArguments(in: view, tree: tree) + (tree.root.hasError ? jsxAmpersands(in: view, tree: tree) : [])
            if found.isEmpty { break }
            blank(found, in: &view)
            repairs += found
            tree = try parser.parse(view)
            if !tree.root.hasError { break }
        }
        // A clean original gives way only to a clean repair: the repair exists to fix, never to break.
        if repairs.isEmpty || (!original.root.hasError && tree.root.hasError) {
            return Outcome(tree: original, repairs: [])
        }
        return Outcome(tree: tree, repairs: repairs.sorted { $0.lowerBound < $1.lowerBound })
    }

    /// Spaces over each range, keeping line breaks so lines and columns stay the original's.
    static func blank(_ ranges: [Range<Int>], in view: inout [UInt8]) {
        for range in ranges {
            for index in range where view[index] != newline && view[index] != carriageReturn {
                view[index] = space
            }
        }
    }

    // MARK: Typed tagged templates

    /// tree-sitter-typescript cannot parse type arguments on a tagged template
    /// (``prisma.$queryRaw<Row[]>`SELECT …` ``, upstream #341): it yields a MISSING `!`
    /// or a chain of comparisons. TypeScript reads `tag<…>` followed by a template as
    /// type arguments whenever `…` is a type, so blanking them leaves the plain tagged
    /// template TypeScript sees, minus types no transform reads.
    static func typedTemplateArguments(in view: [UInt8], tree: Tree) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var index = 1
        while index < view.count {
            if view[index] == lessThan, canPrecedeTypeArguments(view[index - 1]),
               let close = typeArgumentsEnd(view, from: index),
               let after = nextNonSpace(view, from: close + 1), view[after] == backtick,
               isTypeArgumentsOpener(at: index, in: tree) {
                spans.append(index..<(close + 1))
                index = close + 1
                continue
            }
            index += 1
        }
        return spans
    }

    /// Whether the `<` at `offset` is one the grammar took for type arguments or a
    /// comparison (or could not place): not a JSX tag, a type parameter list, a cast,
    /// or text inside a string, comment or JSX.
    static func isTypeArgumentsOpener(at offset: Int, in tree: Tree) -> Bool {
        let leaf = deepestNode(containing: offset, in: tree)
        if leaf.isError { return true }
        guard leaf.kind == "<", let parent = leaf.parent else { return false }
        return ["type_arguments", "binary_expression", "ERROR"].contains(parent.kind)
    }

    /// What may sit right before the `<` of type arguments on a tag: the end of a name
    /// (ASCII or not), a call or an index. Prettier writes no space there.
    static func canPrecedeTypeArguments(_ byte: UInt8) -> Bool {
        ByteSearch.isIdentifierByte(byte) || byte >= 0x80 || byte == closeParen || byte == closeBracket
    }

    /// What the scan is inside of.
    private enum Frame { case angle, paren, bracket, brace, template, substitution }

    /// The longest span of type arguments worth scanning; real ones are far shorter, and
    /// the bound keeps a file full of `<` comparisons from costing quadratic time.
    static let maximumSpan = 8_192

    /// The `>` closing the `<` at `open`, if the span between could be type arguments:
    /// brackets of every kind balance, string and template literal types are skipped
    /// whole, `=>` is no closer, `;` only separates members inside braces, and an
    /// operator no type contains (`&&`, `||`, `!`, `==`, `*`, `%`) means a comparison.
    static func typeArgumentsEnd(_ view: [UInt8], from open: Int) -> Int? {
        var frames: [Frame] = []
        var cursor = open
        let limit = min(view.count, open + maximumSpan)
        while cursor < limit {
            let byte = view[cursor]
            let next: UInt8? = cursor + 1 < view.count ? view[cursor + 1] : nil
            if frames.last == .template {
                if byte == backslash {
                    cursor += 2
                    continue
                } else if byte == backtick {
                    frames.removeLast()
                } else if byte == dollar, next == openBrace {
                    frames.append(.substitution)
                    cursor += 2
                    continue
                }
                cursor += 1
                continue
            }
            switch byte {
            case lessThan: frames.append(.angle)
            case openParen: frames.append(.paren)
            case openBracket: frames.append(.bracket)
            case openBrace: frames.append(.brace)
            case backtick: frames.append(.template)
            case greaterThan:
                // `=>` of a function type closes nothing.
                if cursor > open, view[cursor - 1] == equals { break }
                guard frames.last == .angle else { return nil }
                frames.removeLast()
                if frames.isEmpty { return cursor }
            case closeParen:
                guard frames.last == .paren else { return nil }
                frames.removeLast()
            case closeBracket:
                guard frames.last == .bracket else { return nil }
                frames.removeLast()
            case closeBrace:
                guard frames.last == .brace || frames.last == .substitution else { return nil }
                frames.removeLast()
            case singleQuote, doubleQuote:
                guard let end = stringEnd(view, from: cursor, limit: limit) else { return nil }
                cursor = end
            case slash:
                guard let end = commentEnd(view, from: cursor, limit: limit) else { return nil }
                cursor = end
            case semicolon:
                guard frames.last == .brace else { return nil }
            case bang, star, percent:
                return nil
            case ampersand where next == ampersand, bar where next == bar, equals where next == equals:
                return nil
            default:
                break
            }
            cursor += 1
        }
        return nil
    }

    /// The closing quote of the string literal opening at `open`; nil when the line ends first.
    static func stringEnd(_ view: [UInt8], from open: Int, limit: Int) -> Int? {
        let quote = view[open]
        var cursor = open + 1
        while cursor < limit {
            switch view[cursor] {
            case backslash: cursor += 1
            case quote: return cursor
            case newline, carriageReturn: return nil
            default: break
            }
            cursor += 1
        }
        return nil
    }

    /// The last byte of the comment opening at `open`, or nil when `/` starts no comment.
    static func commentEnd(_ view: [UInt8], from open: Int, limit: Int) -> Int? {
        guard open + 1 < limit else { return nil }
        var cursor = open + 2
        switch view[open + 1] {
        case slash:
            while cursor < limit, view[cursor] != newline, view[cursor] != carriageReturn { cursor += 1 }
            return cursor - 1
        case star:
            while cursor + 1 < limit {
                if view[cursor] == star, view[cursor + 1] == slash { return cursor + 1 }
                cursor += 1
            }
            return nil
        default:
            return nil
        }
    }

    // MARK: Ampersands in JSX

    /// The TSX grammar takes `&` in JSX text or in a JSX attribute string only as the
    /// start of a character reference (`&amp;`), so `Tom & Jerry`, `R&D` or
    /// `href="?a=1&b=2"` are errors to it though JSX allows them. Its recovery then goes
    /// anywhere: the `&` may sit alone in an ERROR node or the whole element may turn into
    /// an ERROR holding expressions (`R & D` as a bitwise and). So every `&` token inside
    /// an ERROR is blanked; a `&` of real code blanked by mistake leaves two operands side
    /// by side, an error still, so such a repair does not turn a broken file into a clean one.
    /// A `&` starting a character reference stays: the grammar reads those once the bare
    /// ones are gone. Plain TypeScript has no JSX and is left alone.
    static func jsxAmpersands(in view: [UInt8], tree: Tree) -> [Range<Int>] {
        guard tree.language == .tsx else { return [] }
        var found: [Range<Int>] = []
        var walk = tree.root.preorder()
        while let node = walk.next() {
            if node.isError {
                // Inside an ERROR, subtrees the grammar thinks fine (`hasError` false) hide the `&`s too.
                found += node.preorder()
                    .filter { $0.kind == "&" && $0.childCount == 0 && !startsCharacterReference(view, at: $0.byteRange.lowerBound) }
                    .map(\.byteRange)
                walk.skipChildren()
            } else if !node.hasError {
                walk.skipChildren()
            }
        }
        return found
    }

    /// Whether `&` at `offset` starts `&name;`, `&#123;` or `&#x1F;`, as the grammar's
    /// `html_character_reference` has them.
    static func startsCharacterReference(_ view: [UInt8], at offset: Int) -> Bool {
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        func isDecimal(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        func isHex(_ byte: UInt8) -> Bool { isDecimal(byte) || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "f")) }
        var cursor = offset + 1
        var accepts: (UInt8) -> Bool = isLetter
        var maximum = 30
        if cursor < view.count, view[cursor] == UInt8(ascii: "#") {
            cursor += 1
            if cursor < view.count, view[cursor] | 0x20 == UInt8(ascii: "x") {
                cursor += 1
                (accepts, maximum) = (isHex, 6)
            } else {
                (accepts, maximum) = (isDecimal, 5)
            }
        }
        let start = cursor
        while cursor < view.count, cursor - start < maximum, accepts(view[cursor]) { cursor += 1 }
        return cursor > start && cursor < view.count && view[cursor] == semicolon
    }

    // MARK: Helpers

    /// The deepest node whose bytes include `offset`, found by descending from the root
    /// (a loop, so depth costs no stack).
    static func deepestNode(containing offset: Int, in tree: Tree) -> Node {
        var node = tree.root
        while let child = node.children.first(where: { $0.byteRange.contains(offset) }) {
            node = child
        }
        return node
    }

    static func hasTemplateAfterAngle(_ view: [UInt8]) -> Bool {
        var index = 0
        while index < view.count {
            if view[index] == greaterThan, let after = nextNonSpace(view, from: index + 1), view[after] == backtick {
                return true
            }
            index += 1
        }
        return false
    }

    static func nextNonSpace(_ view: [UInt8], from start: Int) -> Int? {
        var index = start
        while index < view.count, isSpace(view[index]) { index += 1 }
        return index < view.count ? index : nil
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == space || byte == UInt8(ascii: "\t") || byte == newline || byte == carriageReturn
    }

    private static let space = UInt8(ascii: " ")
    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let lessThan = UInt8(ascii: "<")
    private static let greaterThan = UInt8(ascii: ">")
    private static let openParen = UInt8(ascii: "(")
    private static let closeParen = UInt8(ascii: ")")
    private static let openBracket = UInt8(ascii: "[")
    private static let closeBracket = UInt8(ascii: "]")
    private static let openBrace = UInt8(ascii: "{")
    private static let closeBrace = UInt8(ascii: "}")
    private static let backtick = UInt8(ascii: "`")
    private static let backslash = UInt8(ascii: "\\")
    private static let dollar = UInt8(ascii: "$")
    private static let singleQuote = UInt8(ascii: "'")
    private static let doubleQuote = UInt8(ascii: "\"")
    private static let slash = UInt8(ascii: "/")
    private static let star = UInt8(ascii: "*")
    private static let percent = UInt8(ascii: "%")
    private static let bang = UInt8(ascii: "!")
    private static let semicolon = UInt8(ascii: ";")
    private static let equals = UInt8(ascii: "=")
    private static let ampersand = UInt8(ascii: "&")
    private static let bar = UInt8(ascii: "|")
}

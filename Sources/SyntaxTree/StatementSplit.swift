/// Where a large source may be cut into pieces that tree-sitter parses alone, giving the
/// same top-level nodes as one parse of the whole (see `Parser.parse`).
///
/// A cut is a line start, outside every bracket, string, template, comment and regular
/// expression, where the last token before it is a `;` or a `}` and the line begins with a
/// declaration keyword (`export`, `function`, `const`, ...): no such word can continue the
/// statement before it, so the parser would close that statement there either way. The scan
/// is lexical and may misjudge (a `/` read as division that was a regular expression); a
/// misjudged cut lies inside a construct, leaves the piece before it unterminated, and the
/// parser's ERROR or MISSING node there sends `Parser` back to one parse of the whole file.
/// Where the scan itself is unsure (a string running into a line break, a closer without its
/// opener, a construct still open at the end), it offers no cut at all.
enum StatementSplit {
    /// A place where a piece may start: a byte offset at the start of a line, and that line's row.
    struct Cut: Equatable {
        var offset: Int
        var row: Int
    }

    /// Cuts at least `every` bytes apart (the first at least `every` bytes in), or nil when
    /// the scan is unsure of the file's structure. `jsx` tells that `</` and `/>` are tags.
    static func cuts(in source: [UInt8], every: Int, jsx: Bool) -> [Cut]? {
        guard let all = candidates(in: source, jsx: jsx) else { return nil }
        var chosen: [Cut] = []
        var pieceStart = 0
        for cut in all where cut.offset - pieceStart >= every {
            chosen.append(cut)
            pieceStart = cut.offset
        }
        return chosen
    }

    private enum Frame { case brace, paren, bracket, template, substitution }

    /// Every line start that may begin a piece, in order; nil when the scan is unsure.
    ///
    /// `strict`: also unsure wherever the scan's reading could differ from the parser's: a `/`
    /// (not a comment) with another `/`, a quote or a backtick later on its line (a regular
    /// expression, or a division a wrong guess would read as one), and anywhere in a text with
    /// U+2028 or U+2029 (which end a `//` comment for the parser), the comments `<!--` and
    /// `-->`, or a leading `#!` line, none of which the scan lexes. A whole parse of the pieces
    /// would show a wrong guess as an error; a parse that leaves statements out might not.
    static func candidates(in source: [UInt8], jsx: Bool, strict: Bool = false) -> [Cut]? {
        if strict, containsParserLineBreakOrHTMLComment(source) { return nil }
        var cuts: [Cut] = []
        var frames: [Frame] = []
        var row = 0
        // The last significant byte outside comments and space (0 at the start), and the last
        // word's bytes, for `return /re/` against `total / count`.
        var previous: UInt8 = 0
        var wordStart = 0
        var wordEnd = 0
        var index = 0
        let count = source.count
        while index < count {
            let byte = source[index]
            if frames.last == .template {
                switch byte {
                case backslash:
                    if index + 1 < count, source[index + 1] == newline { row += 1 }
                    index += 2
                    continue
                case backtick:
                    frames.removeLast()
                    previous = backtick
                case dollar where index + 1 < count && source[index + 1] == openBrace:
                    frames.append(.substitution)
                    previous = openBrace
                    index += 2
                    continue
                case newline:
                    row += 1
                default:
                    break
                }
                index += 1
                continue
            }
            switch byte {
            case newline:
                row += 1
                if frames.isEmpty, previous == semicolon || previous == closeBrace,
                   startsDeclaration(source, at: index + 1) {
                    cuts.append(Cut(offset: index + 1, row: row))
                }
            case space, tab, carriageReturn, formFeed, verticalTab:
                break
            case singleQuote, doubleQuote:
                guard let end = stringEnd(source, from: index, row: &row) else { return nil }
                index = end
                previous = byte
            case backtick:
                frames.append(.template)
            case slash:
                let next: UInt8 = index + 1 < count ? source[index + 1] : 0
                if next == slash {
                    // To the line break, which the loop then counts.
                    while index + 1 < count, source[index + 1] != newline { index += 1 }
                } else if next == star {
                    guard let end = blockCommentEnd(source, from: index, row: &row) else { return nil }
                    index = end
                } else if strict, slashOrQuoteFollows(onTheLineOf: index, in: source) {
                    return nil
                } else if regexMayStart(after: previous, word: source[wordStart..<wordEnd],
                                        isProperty: wordStart > 0 && source[wordStart - 1] == UInt8(ascii: "."), jsx: jsx, next: next) {
                    guard let end = regexEnd(source, from: index) else { return nil }
                    index = end
                    previous = closeParen  // an operand ended: a `/` after it divides
                } else {
                    previous = slash
                }
            case openBrace:
                frames.append(.brace)
                previous = byte
            case openParen:
                frames.append(.paren)
                previous = byte
            case openBracket:
                frames.append(.bracket)
                previous = byte
            case closeBrace:
                switch frames.popLast() {
                case .brace?: previous = byte
                case .substitution?: break  // back inside the template's text, the frame below
                default: return nil
                }
            case closeParen:
                guard frames.popLast() == .paren else { return nil }
                previous = byte
            case closeBracket:
                guard frames.popLast() == .bracket else { return nil }
                previous = byte
            default:
                if isIdentifierByte(byte) {
                    if index == 0 || !isIdentifierByte(source[index - 1]) { wordStart = index }
                    wordEnd = index + 1
                }
                previous = byte
            }
            index += 1
        }
        return frames.isEmpty ? cuts : nil
    }

    /// Words after which a `/` starts a regular expression rather than dividing.
    private static let regexKeywords: Set<[UInt8]> = Set(
        ["return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await"]
            .map { Array($0.utf8) })

    /// Whether a `/`, quote or backtick comes later on the line of the `/` at `offset`: without
    /// one, the `/` can only divide (a regular expression ends on its line).
    private static func slashOrQuoteFollows(onTheLineOf offset: Int, in source: [UInt8]) -> Bool {
        var cursor = offset + 1
        while cursor < source.count, source[cursor] != newline, source[cursor] != carriageReturn {
            if [slash, backtick, singleQuote, doubleQuote].contains(source[cursor]) { return true }
            cursor += 1
        }
        return false
    }

    /// U+2028, U+2029 (E2 80 A8/A9), `<!--` or `-->` anywhere, or `#!` first (after a BOM, blanked or not).
    private static func containsParserLineBreakOrHTMLComment(_ source: [UInt8]) -> Bool {
        var first = 0
        while first < min(3, source.count), source[first] == 0xEF || source[first] == 0xBB || source[first] == 0xBF || source[first] == space {
            first += 1
        }
        if source[first...].starts(with: [UInt8(ascii: "#"), UInt8(ascii: "!")]) { return true }
        var index = 0
        while index + 2 < source.count {
            if source[index] == 0xE2, source[index + 1] == 0x80, source[index + 2] == 0xA8 || source[index + 2] == 0xA9 { return true }
            if source[index] == lessThan, index + 3 < source.count, source[index + 1] == UInt8(ascii: "!"),
               source[index + 2] == UInt8(ascii: "-"), source[index + 3] == UInt8(ascii: "-") { return true }
            if source[index] == UInt8(ascii: "-"), source[index + 1] == UInt8(ascii: "-"), source[index + 2] == greaterThan { return true }
            index += 1
        }
        return false
    }

    /// `isProperty`: the word before is a property name (`t.in / 60`), never a keyword.
    private static func regexMayStart(after previous: UInt8, word: ArraySlice<UInt8>, isProperty: Bool, jsx: Bool, next: UInt8) -> Bool {
        // `</tag>` and `<tag />`: tags, not expressions.
        if jsx, previous == lessThan || next == greaterThan { return false }
        if previous == 0 { return true }
        if isIdentifierByte(previous) { return !isProperty && regexKeywords.contains(Array(word)) }
        // After `)`, `]`, a string or a template an operand ended; a `}` more often ends a block.
        return ![closeParen, closeBracket, singleQuote, doubleQuote, backtick].contains(previous)
    }

    /// Declarations that no statement can continue with: after `;` or `}` a parser ends the
    /// statement before them, automatic semicolon or not.
    private static let declarationKeywords: [[UInt8]] = [
        "export", "import", "function", "class", "const", "let", "var", "interface", "type", "enum",
        "declare", "abstract", "async", "namespace",
    ].map { Array($0.utf8) }

    static func startsDeclaration(_ source: [UInt8], at offset: Int) -> Bool {
        for keyword in declarationKeywords {
            let end = offset + keyword.count
            guard end < source.count, source[offset..<end].elementsEqual(keyword), !isIdentifierByte(source[end]) else { continue }
            // `import(…)` and `import.meta` are expressions.
            if keyword.first == UInt8(ascii: "i"), keyword.count == 6 {
                var after = end
                while after < source.count, source[after] == space || source[after] == tab { after += 1 }
                if after < source.count, source[after] == openParen || source[after] == UInt8(ascii: ".") { return false }
            }
            return true
        }
        return false
    }

    /// The closing quote of the string opening at `open`, counting escaped line breaks; nil
    /// when an unescaped line break or the end comes first.
    static func stringEnd(_ source: [UInt8], from open: Int, row: inout Int) -> Int? {
        let quote = source[open]
        var cursor = open + 1
        while cursor < source.count {
            switch source[cursor] {
            case backslash:
                // An escaped line break continues the string.
                if cursor + 1 < source.count, source[cursor + 1] == newline { row += 1 }
                cursor += 1
            case quote: return cursor
            case newline, carriageReturn: return nil
            default: break
            }
            cursor += 1
        }
        return nil
    }

    /// The `/` closing the block comment opening at `open`, counting its line breaks.
    static func blockCommentEnd(_ source: [UInt8], from open: Int, row: inout Int) -> Int? {
        var cursor = open + 2
        while cursor + 1 < source.count {
            if source[cursor] == star, source[cursor + 1] == slash { return cursor + 1 }
            if source[cursor] == newline { row += 1 }
            cursor += 1
        }
        return nil
    }

    /// The closing `/` of the regular expression opening at `open` (a `/` inside a class
    /// `[…]` closes nothing); nil when a line break or the end comes first.
    static func regexEnd(_ source: [UInt8], from open: Int) -> Int? {
        var cursor = open + 1
        var inClass = false
        while cursor < source.count {
            switch source[cursor] {
            case backslash: cursor += 1
            case openBracket: inClass = true
            case closeBracket: inClass = false
            case slash where !inClass: return cursor
            case newline, carriageReturn: return nil
            default: break
            }
            cursor += 1
        }
        return nil
    }

    static func isIdentifierByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == dollar || byte >= 0x80
    }

    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")
    private static let formFeed: UInt8 = 0x0C
    private static let verticalTab: UInt8 = 0x0B
    private static let singleQuote = UInt8(ascii: "'")
    private static let doubleQuote = UInt8(ascii: "\"")
    private static let backtick = UInt8(ascii: "`")
    private static let backslash = UInt8(ascii: "\\")
    private static let dollar = UInt8(ascii: "$")
    private static let slash = UInt8(ascii: "/")
    private static let star = UInt8(ascii: "*")
    private static let semicolon = UInt8(ascii: ";")
    private static let lessThan = UInt8(ascii: "<")
    private static let greaterThan = UInt8(ascii: ">")
    private static let openBrace = UInt8(ascii: "{")
    private static let closeBrace = UInt8(ascii: "}")
    private static let openParen = UInt8(ascii: "(")
    private static let closeParen = UInt8(ascii: ")")
    private static let openBracket = UInt8(ascii: "[")
    private static let closeBracket = UInt8(ascii: "]")
}

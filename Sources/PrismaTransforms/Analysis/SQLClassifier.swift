/// Whether a literal SQL text reads or writes, from its keywords: what decides if a
/// `$queryRaw` may be retried. Keywords are read outside comments, string literals and
/// quoted identifiers; a substitution (`${id}`) stands for one value, as Prisma's tagged
/// templates parameterise it.
///
/// Reads: `SELECT`, `VALUES`, `TABLE`, `SHOW`, `DESCRIBE`, `EXPLAIN` (without `ANALYZE`
/// of a write), `WITH … SELECT` without a data-modifying CTE. Writes: DML, DDL and other
/// statements that change state, any `RETURNING`, `SELECT … INTO`, `nextval`/`setval`.
/// Anything else is unknown, with the reason. Functions a `SELECT` calls are taken as
/// reads, as nothing in the text says otherwise.
public enum SQLClassifier {
    public enum Verdict: Equatable, Sendable {
        case read
        case write
        /// The text does not say; the reason is for the user.
        case unknown(String)
    }

    /// Classifies the text made of `fragments` with one value between each two
    /// (a template literal's text around its substitutions).
    public static func classify(_ fragments: [String]) -> Verdict {
        let statements = tokens(fragments).split(separator: .semicolon, omittingEmptySubsequences: true)
        guard !statements.isEmpty else { return .unknown("raw SQL has no statement") }
        var unknown: String?
        for statement in statements {
            switch classify(statement: Array(statement)) {
            case .write: return .write
            case .unknown(let reason): unknown = unknown ?? reason
            case .read: break
            }
        }
        return unknown.map(Verdict.unknown) ?? .read
    }

    enum Token: Equatable {
        /// A bare word, upper-cased.
        case word(String)
        /// A substitution: one value.
        case value
        case open, close, semicolon
        /// Any other punctuation, number or operator.
        case other
    }

    private static let readStarts: Set<String> = ["SELECT", "VALUES", "TABLE", "SHOW", "DESCRIBE", "DESC"]
    private static let writeStarts: Set<String> = [
        "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE", "TRUNCATE", "CREATE", "ALTER", "DROP", "RENAME",
        "GRANT", "REVOKE", "COMMENT", "COPY", "CALL", "DO", "EXEC", "EXECUTE", "LOCK", "VACUUM", "ANALYZE", "ANALYSE",
        "REFRESH", "REINDEX", "CLUSTER", "SET", "RESET", "BEGIN", "START", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE",
        "DISCARD", "LISTEN", "NOTIFY", "UNLISTEN", "PREPARE", "DEALLOCATE", "IMPORT", "LOAD", "REASSIGN", "CHECKPOINT",
        "SECURITY", "OPTIMIZE", "RESTORE", "BACKUP", "KILL", "FLUSH", "INSTALL", "UNINSTALL", "HANDLER",
    ]
    /// Keywords that make a `WITH` statement write, wherever they stand (a CTE body or the main statement).
    private static let modifying: Set<String> = ["INSERT", "UPDATE", "DELETE", "MERGE"]
    /// Functions that change state though a `SELECT` calls them.
    private static let writingFunctions: Set<String> = ["NEXTVAL", "SETVAL"]

    private static func classify(statement tokens: [Token]) -> Verdict {
        let words = tokens.compactMap { token -> String? in
            if case .word(let word) = token { return word }
            return nil
        }
        if words.contains("RETURNING") || words.contains(where: writingFunctions.contains) { return .write }
        guard let first = tokens.first(where: { $0 != .open }) else { return .unknown("raw SQL has no statement") }
        guard case .word(let keyword) = first else {
            return .unknown(first == .value ? "raw SQL starts with a substitution; read or write unknown"
                                            : "raw SQL starts with no keyword; read or write unknown")
        }
        switch keyword {
        case "WITH":
            // `FOR UPDATE` / `FOR NO KEY UPDATE` lock rows a SELECT reads; they modify nothing.
            for (index, word) in words.enumerated() where modifying.contains(word) {
                let before = index > 0 ? words[index - 1] : ""
                if word == "UPDATE", before == "FOR" || before == "KEY" { continue }
                return .write
            }
            return .read
        case "EXPLAIN":
            // Only EXPLAIN ANALYZE runs the statement it explains.
            guard words.contains("ANALYZE") || words.contains("ANALYSE"),
                  let start = words.dropFirst().firstIndex(where: { readStarts.contains($0) || modifying.contains($0) || $0 == "WITH" })
            else { return .read }
            return classify(statement: words[start...].map(Token.word))
        case _ where readStarts.contains(keyword):
            // SELECT … INTO creates a table.
            return words.contains("INTO") ? .write : .read
        case _ where writeStarts.contains(keyword):
            return .write
        default:
            return .unknown("raw SQL starts with '\(keyword)'; read or write unknown")
        }
    }

    /// The tokens of the text, comments, string literals and quoted identifiers skipped.
    static func tokens(_ fragments: [String]) -> [Token] {
        // A substitution is a byte no SQL text holds; inside a string literal it is part of the string.
        let substitution: UInt8 = 0
        var bytes: [UInt8] = []
        for (index, fragment) in fragments.enumerated() {
            if index > 0 { bytes.append(substitution) }
            bytes += fragment.utf8
        }
        var tokens: [Token] = []
        var index = 0
        func at(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }
        /// Moves past the end of a literal closed by `quote`, a doubled quote being part of it.
        func skipQuoted(_ quote: UInt8) {
            index += 1
            while index < bytes.count {
                if bytes[index] == quote {
                    if at(1) == quote { index += 2; continue }
                    index += 1
                    return
                }
                if bytes[index] == UInt8(ascii: "\\"), quote == UInt8(ascii: "'") || quote == UInt8(ascii: "`") { index += 1 }
                index += 1
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case substitution:
                tokens.append(.value)
                index += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0B, 0x0C:
                index += 1
            case UInt8(ascii: "-") where at(1) == UInt8(ascii: "-"):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "/") where at(1) == UInt8(ascii: "*"):
                // PostgreSQL nests block comments.
                var depth = 0
                while index < bytes.count {
                    if bytes[index] == UInt8(ascii: "/"), at(1) == UInt8(ascii: "*") {
                        depth += 1
                        index += 2
                    } else if bytes[index] == UInt8(ascii: "*"), at(1) == UInt8(ascii: "/") {
                        depth -= 1
                        index += 2
                        if depth == 0 { break }
                    } else {
                        index += 1
                    }
                }
            case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"):
                skipQuoted(byte)
                tokens.append(.value)
            case UInt8(ascii: "$") where dollarTag(in: bytes, at: index) != nil:
                // PostgreSQL's dollar quoting: $$…$$ or $tag$…$tag$.
                let tag = dollarTag(in: bytes, at: index) ?? []
                index += tag.count
                while index < bytes.count, !bytes[index...].starts(with: tag) { index += 1 }
                index = min(bytes.count, index + tag.count)
                tokens.append(.value)
            case UInt8(ascii: "("):
                tokens.append(.open)
                index += 1
            case UInt8(ascii: ")"):
                tokens.append(.close)
                index += 1
            case UInt8(ascii: ";"):
                tokens.append(.semicolon)
                index += 1
            case _ where isWordStart(byte):
                let start = index
                while index < bytes.count, isWordStart(bytes[index]) || isDigit(bytes[index]) || bytes[index] == UInt8(ascii: "$") {
                    index += 1
                }
                tokens.append(.word(String(decoding: bytes[start..<index], as: UTF8.self).uppercased()))
            default:
                // Numbers, operators, `$1` placeholders: values or punctuation, never keywords.
                index += 1
                if isDigit(byte) {
                    while index < bytes.count, isDigit(bytes[index]) || isWordStart(bytes[index]) || bytes[index] == UInt8(ascii: ".") { index += 1 }
                }
                tokens.append(.other)
            }
        }
        return tokens
    }

    /// `$$` or `$tag$` starting at `index`.
    private static func dollarTag(in bytes: [UInt8], at index: Int) -> [UInt8]? {
        var end = index + 1
        while end < bytes.count, isWordStart(bytes[end]) || isDigit(bytes[end]) {
            if end == index + 1, isDigit(bytes[end]) { return nil }  // `$1` is a placeholder
            end += 1
        }
        guard end < bytes.count, bytes[end] == UInt8(ascii: "$") else { return nil }
        return Array(bytes[index...end])
    }

    private static func isWordStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}

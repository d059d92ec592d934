import CodemodCore
import Foundation

/// A suppression comment, as ESLint's disable comments work:
/// `// prisma-codemod-ignore-next-line [check-id[, check-id]…] [-- reason]` silences those
/// checks on the line below, `// prisma-codemod-ignore-line …` (after code) on its own line;
/// `/* … */` comments too. Without ids it silences every check. The transform that fixes
/// a check leaves the sites its suppressions silence, as `--fix` leaves disabled lines.
public struct Suppression: Codable, Sendable, Equatable {
    public enum Form: String, Codable, Sendable {
        case nextLine = "prisma-codemod-ignore-next-line"
        case sameLine = "prisma-codemod-ignore-line"
    }

    public var form: Form
    /// Where the comment starts (one-based, the column in code points).
    public var line: Int
    public var column: Int
    /// The check ids it names; empty: every check.
    public var checks: [String]
    /// What follows `--`, if anything.
    public var reason: String?
    public var text: String

    /// The line whose findings it silences.
    public var silencedLine: Int { form == .nextLine ? line + 1 : line }

    /// Whether it silences `check` on `line`.
    public func silences(_ check: String, onLine line: Int) -> Bool {
        line == silencedLine && (checks.isEmpty || checks.contains(check))
    }

    /// The directive without its reason, as a message quotes it: `prisma-codemod-ignore-next-line read-in-retry`.
    public var directive: String { ([form.rawValue] + checks).joined(separator: " ") }

    /// The suppression comments of a file, in order. The directive must open the comment,
    /// so a comment that only mentions it is not one.
    static func read(_ file: ParsedFile) -> [Suppression] {
        var found: [Suppression] = []
        for node in file.root.preorder() where node.kind == "comment" {
            let text = file.text(node)
            guard let suppression = parse(text) else { continue }
            let position = file.position(node.byteRange.lowerBound)
            found.append(Suppression(form: suppression.form, line: position.line, column: position.column,
                                     checks: suppression.checks, reason: suppression.reason, text: text))
        }
        return found
    }

    /// The directive of one comment's text (`// …` or `/* … */`), or nil when it is none.
    static func parse(_ comment: String) -> (form: Form, checks: [String], reason: String?)? {
        var body = Substring(comment)
        if body.hasPrefix("//") {
            body = body.dropFirst(2)
        } else if body.hasPrefix("/*") {
            body = body.dropFirst(2)
            if body.hasSuffix("*/") { body = body.dropLast(2) }
        } else {
            return nil
        }
        body = body.drop { $0 == " " || $0 == "\t" || $0 == "*" }
        // The longer marker first: neither is a prefix of the other, but keep the order obvious.
        guard let form = [Form.nextLine, .sameLine].first(where: { body.hasPrefix($0.rawValue) }) else { return nil }
        body = body.dropFirst(form.rawValue.count)
        guard body.isEmpty || body.first?.isWhitespace == true else { return nil }  // `…-line-foo` is another word
        var reason: String?
        if let dashes = body.range(of: "--") {
            let text = body[dashes.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
            reason = text.isEmpty ? nil : text
            body = body[..<dashes.lowerBound]
        }
        let checks = body.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
        return (form, checks, reason)
    }

    /// The first suppression of `suppressions` that silences `check` on one of `lines` (a
    /// Prisma call's and its wrapper's, as the check's finding is silenced on either).
    static func silencing(_ check: String, onLines lines: [Int], in suppressions: [Suppression]) -> Suppression? {
        suppressions.first { suppression in lines.contains { suppression.silences(check, onLine: $0) } }
    }

    /// A file's findings less the suppressed ones, and the suppressions that silenced nothing.
    static func apply(_ suppressions: [Suppression], to findings: [Finding]) -> (kept: [Finding], unused: [Suppression]) {
        var kept: [Finding] = []
        var used = Set<Int>()
        for finding in findings {
            let lines = [finding.line] + (finding.wrapper.map { [$0.line] } ?? [])
            if let index = suppressions.firstIndex(where: { suppression in lines.contains { suppression.silences(finding.rule, onLine: $0) } }) {
                used.insert(index)
            } else {
                kept.append(finding)
            }
        }
        let unused = suppressions.enumerated().filter { !used.contains($0.offset) }.map(\.element)
        return (kept, unused)
    }
}

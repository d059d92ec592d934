import CodemodCore

/// A `// prisma-codemod-ignore-next-line <check-id>…` comment: it silences those checks
/// on the line below it.
public struct Suppression: Sendable, Equatable {
    public static let marker = "prisma-codemod-ignore-next-line"

    /// Where the comment starts (one-based, the column in code points).
    public var line: Int
    public var column: Int
    /// The check ids it names.
    public var checks: [String]
    public var text: String

    /// The suppression comments of a file, in order.
    static func read(_ file: ParsedFile) -> [Suppression] {
        var found: [Suppression] = []
        for node in file.root.preorder() where node.kind == "comment" {
            let text = file.text(node)
            guard let marker = text.range(of: marker) else { continue }
            let checks = text[marker.upperBound...]
                .split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" })
                .map(String.init)
                .filter { !$0.isEmpty && $0 != "*/" }
            let position = file.position(node.byteRange.lowerBound)
            found.append(Suppression(line: position.line, column: position.column, checks: checks, text: text))
        }
        return found
    }

    /// A file's findings less the suppressed ones, and the suppressions that silenced nothing.
    static func apply(_ suppressions: [Suppression], to findings: [Finding]) -> (kept: [Finding], unused: [Suppression]) {
        var kept: [Finding] = []
        var used = Set<Int>()
        for finding in findings {
            if let index = suppressions.firstIndex(where: { $0.line + 1 == finding.line && $0.checks.contains(finding.rule) }) {
                used.insert(index)
            } else {
                kept.append(finding)
            }
        }
        let unused = suppressions.enumerated().filter { !used.contains($0.offset) }.map(\.element)
        return (kept, unused)
    }
}

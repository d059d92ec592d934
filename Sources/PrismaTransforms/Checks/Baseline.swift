import CodemodCore
import Foundation

/// Today's findings, recorded so that `check --baseline` reports only new ones.
/// Entries match by file, rule and code (not line), so unrelated edits keep them valid.
public struct Baseline: Codable, Equatable, Sendable {
    public struct Entry: Codable, Equatable, Hashable, Sendable {
        public var path: String
        public var rule: String
        public var code: String
    }

    public var version = 1
    public var findings: [Entry]

    public init(findings: [Finding]) {
        self.findings = findings.map { Entry(path: $0.path, rule: $0.rule, code: $0.code) }
    }

    public static func load(_ url: URL, displayPath: String) throws -> Baseline {
        guard let data = try? Data(contentsOf: url) else {
            throw CodemodError.configuration("baseline file cannot be read", file: displayPath)
        }
        let baseline: Baseline
        do {
            baseline = try JSONDecoder().decode(Baseline.self, from: data)
        } catch {
            throw CodemodError.configuration("not a prisma-codemod baseline (\(error.localizedDescription))", file: displayPath)
        }
        guard baseline.version == 1 else {
            throw CodemodError.configuration("baseline version \(baseline.version) is not supported (expected 1)", file: displayPath)
        }
        return baseline
    }

    /// The findings the baseline does not cover. Each entry covers one finding, so a
    /// second identical violation in the same file is still new.
    public func newFindings(in findings: [Finding]) -> (new: [Finding], covered: Int) {
        var remaining: [Entry: Int] = [:]
        for entry in self.findings { remaining[entry, default: 0] += 1 }
        var new: [Finding] = []
        var covered = 0
        for finding in findings {
            let key = Entry(path: finding.path, rule: finding.rule, code: finding.code)
            if let count = remaining[key], count > 0 {
                remaining[key] = count - 1
                covered += 1
            } else {
                new.append(finding)
            }
        }
        return (new, covered)
    }
}

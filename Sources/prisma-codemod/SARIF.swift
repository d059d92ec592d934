import CodemodCore
import Foundation
import PrismaRules
import PrismaTransforms

/// SARIF 2.1.0 output of `check`: rule metadata from the check types, one result
/// per finding with a physical location relative to `%SRCROOT%`, the repository root.
enum SARIF {
    struct Log: Encodable {
        var schema = "https://json.schemastore.org/sarif-2.1.0.json"
        var version = "2.1.0"
        var runs: [Run]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    struct Run: Encodable {
        var tool: Tool
        var invocations: [Invocation]
        var originalUriBaseIds: [String: BaseLocation]
        var results: StreamedArray<Result>
        var columnKind = "unicodeCodePoints"
    }

    /// What `%SRCROOT%` stands for: the folder every result's path is relative to.
    struct BaseLocation: Encodable {
        /// An absolute `file:` URI ending in `/`; absent when the run's paths have no one root.
        var uri: String?
        var description: Text
    }

    struct Tool: Encodable { var driver: Driver }

    struct Driver: Encodable {
        var name = "prisma-codemod"
        var version: String
        var rules: [Rule]
    }

    struct Rule: Encodable {
        var id: String
        var name: String
        var shortDescription: Text
        var fullDescription: Text
        var help: Help
        var defaultConfiguration: Configuration
    }

    struct Help: Encodable {
        var text: String
        var markdown: String
    }

    struct Configuration: Encodable { var level: String }
    struct Text: Encodable { var text: String }

    struct Invocation: Encodable {
        var executionSuccessful: Bool
        var toolExecutionNotifications: [Notification]
    }

    struct Notification: Encodable {
        var level = "error"
        var message: Text
        var locations: [Location]?
    }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Text
        var locations: [Location]
        var partialFingerprints: [String: String]
    }

    struct Location: Encodable { var physicalLocation: PhysicalLocation }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }

    struct ArtifactLocation: Encodable {
        var uri: String
        var uriBaseId = "%SRCROOT%"
    }

    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
        var endLine: Int?
        var endColumn: Int?
    }

    static func level(_ severity: CheckSeverity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "note"
        }
    }

    /// `sourceRoot`: the folder the findings' paths are relative to (the git work tree, or the
    /// project outside git), nil when a run's projects have no one such folder.
    static func log(_ report: CheckReport, toolVersion: String, sourceRoot: URL?) -> Log {
        // Every finding comes from an enabled rule, so each has its index here.
        let rules = report.rules
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let findings = report.findings
        let fingerprints = FindingFingerprint.all(findings)
        let results = StreamedArray(count: findings.count) { index in
            let finding = findings[index]
            let fingerprint = fingerprints[index]
            return Result(ruleId: finding.rule, ruleIndex: ruleIndex[finding.rule] ?? 0, level: level(finding.severity),
                   message: Text(text: finding.message),
                   locations: [Location(physicalLocation: PhysicalLocation(
                       artifactLocation: ArtifactLocation(uri: uri(finding.path)),
                       region: Region(startLine: finding.line, startColumn: finding.column,
                                      endLine: finding.endLine, endColumn: finding.endColumn)))],
                   partialFingerprints: [FindingFingerprint.sarifKey: fingerprint.sarif])
        }
        let notifications = report.failed.map { error -> Notification in
            var locations: [Location]?
            if let path = error.path {
                var region: Region?
                if case .parse(_, let position, _) = error { region = Region(startLine: position.line, startColumn: position.column) }
                locations = [Location(physicalLocation: PhysicalLocation(artifactLocation: ArtifactLocation(uri: uri(path)), region: region))]
            }
            return Notification(message: Text(text: error.message), locations: locations)
        }
        let driver = Driver(version: toolVersion, rules: rules.map { rule in
            Rule(id: rule.id, name: camelCase(rule.id), shortDescription: Text(text: rule.summary),
                 fullDescription: Text(text: rule.summary + " " + rule.check.rationale),
                 help: help(rule), defaultConfiguration: Configuration(level: level(rule.severity)))
        })
        let root = BaseLocation(uri: sourceRoot.map { URL(fileURLWithPath: $0.path, isDirectory: true).absoluteString },
                                description: Text(text: "The root of the git work tree checked (outside git, the project root)."))
        return Log(runs: [Run(tool: Tool(driver: driver),
                              invocations: [Invocation(executionSuccessful: report.failed.isEmpty, toolExecutionNotifications: notifications)],
                              originalUriBaseIds: ["%SRCROOT%": root], results: results)])
    }

    /// How to resolve a finding, and how to silence one on purpose.
    static func help(_ rule: CheckRule) -> Help {
        let suppress = "To keep a finding on purpose, put `// prisma-codemod-ignore-next-line \(rule.id) -- reason` on the line above."
        return Help(text: rule.check.fix + " " + suppress,
                    markdown: "**\(rule.summary)**\n\n\(rule.check.rationale)\n\n**Fix:** \(rule.check.fix)\n\n\(suppress)")
    }

    /// A relative URI reference: path segments percent-encoded, `/` kept.
    static func uri(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(.init(charactersIn: "/"))) ?? String(segment)
        }.joined(separator: "/")
    }

    static func camelCase(_ id: String) -> String {
        let parts = id.split(separator: "-")
        return parts.enumerated().map { $0 == 0 ? String($1) : $1.prefix(1).uppercased() + $1.dropFirst() }.joined()
    }
}

/// A finding's identity across commits, for code scanning and GitLab to match results
/// between runs: its check, path and whitespace-collapsed code, and which of the file's
/// identical findings it is (in position order), so two identical calls in one file differ
/// and lines added elsewhere change nothing.
struct FindingFingerprint: Equatable {
    static let sarifKey = "prismaCodemodFindingHash/v1"

    var hash: String
    /// One-based, among the findings with the same hash.
    var occurrence: Int

    /// `hash:occurrence`, the shape of GitHub's own `primaryLocationLineHash`.
    var sarif: String { "\(hash):\(occurrence)" }
    /// One opaque token, as GitLab's Code Quality reports want it.
    var token: String { sha256Hex(Array(sarif.utf8)) }

    /// The fingerprint of each finding, in order; findings come sorted by path and position.
    static func all(_ findings: [Finding]) -> [FindingFingerprint] {
        var seen: [String: Int] = [:]
        return findings.map { finding in
            let hash = sha256Hex(Array([finding.rule, finding.path, finding.code].joined(separator: "\u{0}").utf8))
            seen[hash, default: 0] += 1
            return FindingFingerprint(hash: hash, occurrence: seen[hash] ?? 1)
        }
    }
}

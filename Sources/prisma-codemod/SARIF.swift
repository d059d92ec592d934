import CodemodCore
import PrismaRules
import PrismaTransforms

/// SARIF 2.1.0 output of `check`: rule metadata from the check types, one result
/// per finding with a physical location relative to the repository root.
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
        var results: [Result]
        var columnKind = "unicodeCodePoints"
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
        var defaultConfiguration: Configuration
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
    }

    static func level(_ severity: CheckSeverity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "note"
        }
    }

    static func log(_ report: CheckReport, toolVersion: String) -> Log {
        // Every finding comes from an enabled rule, so each has its index here.
        let rules = report.rules
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let results = report.findings.map { finding in
            Result(ruleId: finding.rule, ruleIndex: ruleIndex[finding.rule] ?? 0, level: level(finding.severity),
                   message: Text(text: finding.message),
                   locations: [Location(physicalLocation: PhysicalLocation(
                       artifactLocation: ArtifactLocation(uri: uri(finding.path)),
                       region: Region(startLine: finding.line, startColumn: finding.column)))],
                   partialFingerprints: ["prismaCodemodCode/v1": finding.rule + ":" + finding.code])
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
        let driver = Driver(version: toolVersion, rules: rules.map {
            Rule(id: $0.id, name: camelCase($0.id), shortDescription: Text(text: $0.summary),
                 defaultConfiguration: Configuration(level: level($0.severity)))
        })
        return Log(runs: [Run(tool: Tool(driver: driver),
                              invocations: [Invocation(executionSuccessful: report.failed.isEmpty, toolExecutionNotifications: notifications)],
                              results: results)])
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

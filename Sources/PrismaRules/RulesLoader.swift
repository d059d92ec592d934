import Foundation
import Yams

/// A rules file that cannot be used, with the place and the reason.
public struct RulesError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var reason: String

    public var description: String {
        if let line { return "\(file):\(line): \(reason)" }
        return "\(file): \(reason)"
    }
}

/// Loads the built-in `Rules/*.yaml` and a repository's `prisma-codemod.yaml`.
public enum RulesLoader {
    /// The file a target repository may put at its root to override the rules.
    public static let overrideFileName = "prisma-codemod.yaml"

    /// The built-in rules, then the override at `root` if there is one.
    public static func load(root: URL?) throws -> PrismaConfiguration {
        var configuration = try builtIn.get()
        if let root {
            let override = root.appendingPathComponent(overrideFileName)
            if FileManager.default.fileExists(atPath: override.path) {
                try apply(url: override, displayName: overrideFileName, to: &configuration)
            }
        }
        try validate(configuration)
        return configuration
    }

    /// The built-in rules, read once per process (an immutable value: a monorepo's projects share it).
    /// They are compiled into the binary from Rules/*.yaml, so no file is looked up at run time.
    private static let builtIn = Result<PrismaConfiguration, Error> {
        var configuration = PrismaConfiguration()
        for (name, bytes) in [("prisma", PackageResources.prisma_yaml), ("checks", PackageResources.checks_yaml),
                              ("phases", PackageResources.phases_yaml)] {
            try apply(yaml: String(decoding: bytes, as: UTF8.self), file: "Rules/\(name).yaml", to: &configuration)
        }
        configuration.planSource = .sampleDefault
        return configuration
    }

    public static func apply(url: URL, displayName: String, to configuration: inout PrismaConfiguration) throws {
        guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
            throw RulesError(file: displayName, line: nil, reason: "cannot be read as UTF-8 text")
        }
        try apply(yaml: text, file: displayName, to: &configuration)
    }

    public static func apply(yaml: String, file: String, to configuration: inout PrismaConfiguration) throws {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw RulesError(file: file, line: line(of: error), reason: problem(of: error))
        }
        guard let root else { return }
        let reader = Reader(file: file)
        let top = try reader.mapping(root, allowed: ["version", "client", "retry", "methods", "checks", "phases"])
        if let version = top["version"] {
            guard reader.int(version) == 1 else {
                throw reader.error(version, "unsupported version \(version.string ?? "?"); this tool reads version 1")
            }
        }
        if let client = top["client"] {
            let fields = try reader.mapping(client, allowed: ["package", "class", "export", "defaultExport", "centralModule", "types"])
            if let value = fields["types"] { configuration.clientTypes = try reader.strings(value) }
            if let value = fields["package"] { configuration.clientPackage = try reader.string(value) }
            if let value = fields["class"] { configuration.clientClass = try reader.string(value) }
            if let value = fields["export"] { configuration.clientExport = try reader.string(value) }
            if let value = fields["defaultExport"] { configuration.clientIsDefaultExport = try reader.bool(value) }
            if let value = fields["centralModule"] {
                configuration.centralModule = try reader.optionalString(value)
                configuration.centralModulePlace = SettingPlace(file: file, line: value.mark?.line)
            }
        }
        if let retry = top["retry"] {
            let fields = try reader.mapping(retry, allowed: ["helpers", "module"])
            if let value = fields["helpers"] {
                configuration.retryHelpers = try reader.strings(value)
                if configuration.retryHelpers.isEmpty { throw reader.error(value, "retry.helpers needs at least one name") }
            }
            if let value = fields["module"] { configuration.retryModule = try reader.optionalString(value) }
        }
        if let methods = top["methods"] {
            let fields = try reader.mapping(methods, allowed: ["reads", "writes"])
            if let value = fields["reads"] { configuration.reads = Set(try reader.strings(value)) }
            if let value = fields["writes"] { configuration.writes = Set(try reader.strings(value)) }
            let both = configuration.reads.intersection(configuration.writes)
            if let method = both.sorted().first, let node = fields["writes"] ?? fields["reads"] {
                throw reader.error(node, "method \(method) is listed both as a read and as a write")
            }
        }
        if let checks = top["checks"] {
            for item in try reader.sequence(checks) {
                if let retired = item.mapping?.keys.first(where: { ["message", "summary"].contains($0.string) }) {
                    throw reader.error(retired, "a check's \(retired.string ?? "") comes from the check itself; "
                                       + "here a check can only be switched (enabled) or re-graded (severity)")
                }
                let fields = try reader.mapping(item, allowed: ["id", "severity", "enabled"])
                guard let idNode = fields["id"] else { throw reader.error(item, "a check needs an id") }
                let id = try reader.string(idNode)
                var override = configuration.checkOverride(id) ?? CheckOverride(id: id, file: file)
                override.file = file
                override.line = idNode.mark?.line
                if let value = fields["severity"] {
                    guard let severity = CheckSeverity(rawValue: try reader.string(value)) else {
                        throw reader.error(value, "severity must be error, warning or note")
                    }
                    override.severity = severity
                }
                if let value = fields["enabled"] { override.enabled = try reader.bool(value) }
                if let index = configuration.checks.firstIndex(where: { $0.id == id }) {
                    configuration.checks[index] = override
                } else {
                    configuration.checks.append(override)
                }
            }
        }
        if let phases = top["phases"], phases.scalar != nil {
            guard phases.string == "sample" else {
                throw reader.error(phases, "phases is a list of phases, or `sample` for the plan of the bundled sample backend (Rules/phases.yaml)")
            }
            configuration.planSource = .sample(file: file)
        } else if let phases = top["phases"] {
            var parsed: [Phase] = []
            for item in try reader.sequence(phases) {
                let fields = try reader.mapping(item, allowed: ["id", "title", "why", "transform", "only", "commit", "manual", "budget", "bareClient"])
                guard let idNode = fields["id"], let id = reader.int(idNode) else { throw reader.error(item, "a phase needs a numeric id") }
                guard let titleNode = fields["title"] else { throw reader.error(item, "phase \(id) needs a title") }
                var phase = Phase(
                    id: id,
                    title: try reader.string(titleNode),
                    why: try fields["why"].map(reader.string) ?? "",
                    transform: try fields["transform"].map(reader.string),
                    only: try fields["only"].map(reader.strings) ?? [],
                    commitMessage: try fields["commit"].map(reader.string),
                    manual: try fields["manual"].map(reader.string),
                    showsBudget: try fields["budget"].map(reader.bool) ?? false)
                if let node = fields["bareClient"] {
                    phase.bareClient = try reader.bool(node)
                    if phase.transform != "localize-client" { throw reader.error(node, "bareClient only goes with transform: localize-client") }
                }
                if phase.transform == nil && phase.manual == nil {
                    throw reader.error(item, "phase \(id) needs a transform or a manual text")
                }
                if parsed.contains(where: { $0.id == id }) { throw reader.error(idNode, "phase id \(id) is used twice") }
                parsed.append(phase)
            }
            configuration.phases = parsed.sorted { $0.id < $1.id }
            configuration.planSource = .project(file: file)
        }
    }

    static func validate(_ configuration: PrismaConfiguration) throws {
        if configuration.reads.isEmpty || configuration.writes.isEmpty {
            throw RulesError(file: "Rules/prisma.yaml", line: nil, reason: "methods.reads and methods.writes must not be empty")
        }
    }

    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return "YAML syntax: \(problem)"
        default: return "YAML syntax: \(error)"
        }
    }
}

/// Typed access to YAML nodes, each failure naming the node's line.
struct Reader {
    let file: String

    func error(_ node: Node, _ reason: String) -> RulesError {
        RulesError(file: file, line: node.mark?.line, reason: reason)
    }

    func mapping(_ node: Node, allowed: Set<String>) throws -> [String: Node] {
        guard let mapping = node.mapping else { throw error(node, "expected a mapping of keys to values") }
        var result: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { throw error(key, "expected a text key") }
            guard allowed.contains(name) else {
                throw error(key, "unknown key '\(name)'; expected one of \(allowed.sorted().joined(separator: ", "))")
            }
            result[name] = value
        }
        return result
    }

    func sequence(_ node: Node) throws -> [Node] {
        guard let sequence = node.sequence else { throw error(node, "expected a list") }
        return Array(sequence)
    }

    func string(_ node: Node) throws -> String {
        guard let scalar = node.scalar, !scalar.string.isEmpty else { throw error(node, "expected a non-empty text") }
        return scalar.string
    }

    func optionalString(_ node: Node) throws -> String? {
        guard let scalar = node.scalar else { throw error(node, "expected a text or nothing") }
        return ["", "~", "null"].contains(scalar.string) ? nil : scalar.string
    }

    func strings(_ node: Node) throws -> [String] {
        try sequence(node).map { try string($0) }
    }

    func bool(_ node: Node) throws -> Bool {
        guard let value = node.bool else { throw error(node, "expected true or false") }
        return value
    }

    func int(_ node: Node) -> Int? { node.int }
}

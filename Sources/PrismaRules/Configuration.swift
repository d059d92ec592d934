import Foundation

/// How the tool recognises Prisma in a code base: `Rules/prisma.yaml`, overridden
/// per repository by `prisma-codemod.yaml` at the target root.
public struct PrismaConfiguration: Sendable, Equatable {
    public var clientPackage = "@prisma/client"
    public var clientClass = "PrismaClient"
    public var clientExport = "prisma"
    public var clientIsDefaultExport = false
    /// Other types whose values are clients (a NestJS `PrismaService extends PrismaClient`):
    /// parameters and fields of these types are client bindings.
    public var clientTypes: [String] = []
    /// Root-relative path of the module exporting the client; nil means detect it.
    public var centralModule: String?
    /// Where the rules set `centralModule`, to report a path that names no module there.
    public var centralModulePlace: SettingPlace?
    public var retryHelpers: [String] = ["executeWithRetry"]
    /// Root-relative path of the module exporting the helper; nil means the central module.
    public var retryModule: String?
    public var reads: Set<String> = []
    public var writes: Set<String> = []
    /// What the rules files say about checks, one entry per id in the order first named;
    /// the checks themselves are types in PrismaTransforms, which also rejects unknown ids.
    public var checks: [CheckOverride] = []
    public var phases: [Phase] = []
    /// Whose plan `phases` is; see `PlanSource`.
    public var planSource = PlanSource.sampleDefault

    public init() {}

    public enum MethodClass: String, Sendable, Codable { case read, write, other }

    public func classify(_ method: String) -> MethodClass {
        if reads.contains(method) { return .read }
        if writes.contains(method) { return .write }
        return .other
    }

    /// The primary helper name, used when code is added.
    public var retryHelper: String { retryHelpers.first ?? "executeWithRetry" }

    public func checkOverride(_ id: String) -> CheckOverride? { checks.first { $0.id == id } }
}

/// Where the plan comes from. Rules/phases.yaml is the plan of the bundled sample backend
/// (its file names, its `notification.create`): a project takes it as written only by saying
/// `phases: sample`; a project that names no plan gets a generic one derived from it.
public enum PlanSource: Sendable, Equatable {
    /// No word from the project: `phases` still holds Rules/phases.yaml, for the generic plan to be derived from.
    case sampleDefault
    /// The project's rules file says `phases: sample`.
    case sample(file: String)
    /// The project's own list of phases.
    case project(file: String)
}

/// The file and line of a rules entry.
public struct SettingPlace: Sendable, Equatable {
    public var file: String
    public var line: Int?

    public init(file: String, line: Int?) {
        self.file = file
        self.line = line
    }
}

/// How much a finding of `prisma-codemod check` matters: `error` fails the run.
public enum CheckSeverity: String, Sendable, Codable { case error, warning, note }

/// A rules file's word on one check: switch it on or off, or re-grade it. Fields left
/// out keep what the check declares (or what an earlier file said).
public struct CheckOverride: Sendable, Equatable {
    public var id: String
    public var enabled: Bool?
    public var severity: CheckSeverity?
    /// The file and line of the entry that last named the check, so that an id no check
    /// has can be reported there.
    public var file: String
    public var line: Int?

    public init(id: String, enabled: Bool? = nil, severity: CheckSeverity? = nil, file: String, line: Int? = nil) {
        self.id = id
        self.enabled = enabled
        self.severity = severity
        self.file = file
        self.line = line
    }
}

/// One step of the team's plan: a transform with its scope, or a manual step.
public struct Phase: Sendable, Equatable {
    public var id: Int
    public var title: String
    public var why: String
    public var transform: String?
    public var only: [String]
    public var commitMessage: String?
    public var manual: String?
    public var showsBudget: Bool
    /// For `localize-client`: write a bare `new PrismaClient()`, as the team's files had it,
    /// instead of repeating how the central module builds its client. A decision the
    /// phase states, so the configuration it leaves out is never dropped silently.
    public var bareClient: Bool = false

    public init(id: Int, title: String, why: String, transform: String?, only: [String], commitMessage: String?,
                manual: String?, showsBudget: Bool, bareClient: Bool = false) {
        self.id = id
        self.title = title
        self.why = why
        self.transform = transform
        self.only = only
        self.commitMessage = commitMessage
        self.manual = manual
        self.showsBudget = showsBudget
        self.bareClient = bareClient
    }
}

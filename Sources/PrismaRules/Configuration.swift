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
    public var retryHelpers: [String] = ["executeWithRetry"]
    /// Root-relative path of the module exporting the helper; nil means the central module.
    public var retryModule: String?
    public var reads: Set<String> = []
    public var writes: Set<String> = []
    public var checks: [CheckRule] = []
    public var phases: [Phase] = []

    public init() {}

    public enum MethodClass: String, Sendable, Codable { case read, write, other }

    public func classify(_ method: String) -> MethodClass {
        if reads.contains(method) { return .read }
        if writes.contains(method) { return .write }
        return .other
    }

    /// The primary helper name, used when code is added.
    public var retryHelper: String { retryHelpers.first ?? "executeWithRetry" }

    public func check(_ id: String) -> CheckRule? { checks.first { $0.id == id } }
}

/// One rule of `prisma-codemod check`.
public struct CheckRule: Sendable, Equatable {
    public enum Severity: String, Sendable, Codable { case error, warning, note }

    public var id: String
    public var severity: Severity
    public var enabled: Bool
    public var summary: String
    /// A message template: `{call}`, `{helper}`, `{model}`, `{method}`, `{class}`, `{instances}`, `{rule}`.
    public var message: String

    public func render(_ values: [String: String]) -> String {
        values.reduce(message) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
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
}

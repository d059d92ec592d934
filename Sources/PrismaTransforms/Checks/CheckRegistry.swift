import CodemodCore
import PrismaRules

/// A check as a run uses it: the type, with the switch and severity the rules files give it.
public struct CheckRule: Sendable {
    public let check: any Check.Type
    public var enabled: Bool
    public var severity: CheckSeverity

    public init(check: any Check.Type, enabled: Bool, severity: CheckSeverity) {
        self.check = check
        self.enabled = enabled
        self.severity = severity
    }

    public var id: String { check.id }
    public var summary: String { check.summary }
}

/// Every check, one line each: `check`, its SARIF rule metadata, README's list and the
/// examples test all come from here. The order is the order of SARIF's rules.
public enum CheckRegistry {
    public static let all: [any Check.Type] = [
        ReadInRetry.self,
        RetryInsideTransaction.self,
        WriteWithoutRetry.self,
        MixedRetryBlock.self,
        UnclassifiedRawQuery.self,
        MultipleClientInstances.self,
        UnusedSuppression.self,
    ]

    public static func check(_ id: String) -> (any Check.Type)? { all.first { $0.id == id } }

    /// Every check with what the rules files say of it, else its own defaults.
    public static func rules(for configuration: PrismaConfiguration) -> [CheckRule] {
        all.map { check in
            let override = configuration.checkOverride(check.id)
            return CheckRule(check: check, enabled: override?.enabled ?? check.enabledByDefault,
                             severity: override?.severity ?? check.defaultSeverity)
        }
    }

    /// Rules files name checks by id, and only here are the checks known: an id no check
    /// has is reported at the entry that names it.
    public static func validate(_ configuration: PrismaConfiguration) throws(CodemodError) {
        for override in configuration.checks where check(override.id) == nil {
            // A closure, not `\.id`: a key path through an existential metatype crashes swiftc 6.3.1.
            let known = all.map { $0.id }.joined(separator: ", ")
            throw .configuration("unknown check '\(override.id)' (known: \(known))", file: override.file, line: override.line)
        }
    }
}

extension Workspace {
    /// The same files and context with `overrides` laid over what the rules files say of
    /// each check: `check --error/--warn/--off` for one run. Fields an override leaves out
    /// keep the rules files' word.
    public func overridingChecks(_ overrides: [CheckOverride]) -> Workspace {
        guard !overrides.isEmpty else { return self }
        var context = self.context
        for override in overrides {
            if let index = context.configuration.checks.firstIndex(where: { $0.id == override.id }) {
                var merged = context.configuration.checks[index]
                merged.enabled = override.enabled ?? merged.enabled
                merged.severity = override.severity ?? merged.severity
                merged.file = override.file
                merged.line = override.line
                context.configuration.checks[index] = merged
            } else {
                context.configuration.checks.append(override)
            }
        }
        return Workspace(project: project, context: context, files: files, facts: facts, cache: cache)
    }
}

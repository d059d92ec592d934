import PrismaRules

/// Flags every `new PrismaClient()` of a run that creates more than one: each instance
/// opens its own connection pool. Per file it collects the instances; the whole run
/// decides. Fixed by `apply centralize-client`.
public enum MultipleClientInstances: Check {
    public static let id = "multiple-client-instances"
    public static let summary = "A file creates its own PrismaClient; each instance opens its own connection pool."
    public static let rationale = """
        Each `new PrismaClient()` opens its own connection pool, so every extra instance multiplies the connections \
        the process can hold against the database's `max_connections`.
        """
    public static let fix = """
        Run `prisma-codemod apply centralize-client`: each file then imports the project's one shared client \
        (`--force` for clients created inside a function or exported).
        """
    public static let defaultSeverity = CheckSeverity.warning
    public static let enabledByDefault = true

    public static let triggeringExamples = [
        CheckExample("""
            import { PrismaClient } from '@prisma/client';
            const reader = ↓new PrismaClient();
            export class Jobs {
              private db = ↓new PrismaClient();
            }
            """),
    ]

    public static let nonTriggeringExamples = [
        CheckExample("""
            import { PrismaClient } from '@prisma/client';
            export const prisma = new PrismaClient();
            """, path: "src/utils/prisma.ts"),
        CheckExample("""
            import { prisma } from '../utils/prisma';
            export const load = () => prisma.user.findMany();
            """),
    ]

    public static func violations(in file: PrismaFile) -> [Violation] {
        let clientClass = file.context.configuration.clientClass
        return file.instances.map { instance in
            Violation(at: instance.expression, in: file.file,
                      message: "new \(clientClass)() creates another client with its own connection pool")
        }
    }

    /// One instance in the whole project is the shared client; more are each reported, with the count.
    public static func settle(_ run: CheckRun) -> [String: [Violation]] {
        let count = max(run.projectClientInstances ?? 0, run.violations.values.reduce(0) { $0 + $1.count })
        guard count > 1 else { return [:] }
        return run.violations.mapValues { violations in
            violations.map { violation in
                var counted = violation
                counted.message += " (\(count) instances in this project)"
                return counted
            }
        }
    }
}

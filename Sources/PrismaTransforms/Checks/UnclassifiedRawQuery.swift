import PrismaRules

/// Flags a raw query whose SQL does not say whether it reads or writes (built with
/// `Prisma.raw`, held in a variable, `$queryRawTyped` of a `.sql` file): `read-in-retry` and
/// `write-without-retry` cannot judge it, so it is listed rather than passed over.
public enum UnclassifiedRawQuery: Check {
    public static let id = "unclassified-raw-query"
    public static let summary = "A raw query's SQL is not literal, so whether it reads or writes is unknown."
    public static let rationale = """
        Whether a raw query reads or writes is decided by its SQL. When the SQL is not literal (`Prisma.raw(...)`, a \
        variable, `$queryRawTyped` of a `.sql` file) or starts with an unknown keyword, read-in-retry and \
        write-without-retry cannot judge the call, so it is listed rather than passed over.
        """
    public static let fix = """
        Write the SQL literally in the call (a `$queryRaw` tagged template or a string literal) where you can, or \
        review the call by hand and suppress the finding with a reason.
        """
    public static let defaultSeverity = CheckSeverity.note
    public static let enabledByDefault = true

    public static let triggeringExamples = [
        CheckExample("""
            import { Prisma } from '@prisma/client';
            import { prisma, executeWithRetry } from '../utils/prisma';
            export const run = (query: string) => executeWithRetry(() => ↓prisma.$queryRaw(Prisma.raw(query)));
            export const unsafe = (query: string) => ↓prisma.$queryRawUnsafe(query);
            export const pragma = () => ↓prisma.$queryRaw`PRAGMA table_info("User")`;
            """),
    ]

    public static let nonTriggeringExamples = [
        CheckExample("""
            import { prisma } from '../utils/prisma';
            export const one = (id: number) => prisma.$queryRaw`SELECT * FROM "User" WHERE id = ${id}`;
            export const name = (id: number) => prisma.$queryRawUnsafe('SELECT name FROM "User" WHERE id = $1', id);
            export const touch = (query: string) => prisma.$executeRawUnsafe(query);
            """),
    ]

    public static func violations(in file: PrismaFile) -> [Violation] {
        file.calls.compactMap { call in
            guard let reason = call.classReason else { return nil }
            return Violation(at: call.call, in: file.file, message: "\(call.label): \(reason), so no check can tell "
                             + "whether it may be retried; write its SQL as a literal template, or suppress this line")
        }
    }
}

import PrismaRules

/// Flags a suppression comment that silenced nothing. It is settled after suppressions
/// are matched, so a comment that silences a whole-run finding counts as used.
public enum UnusedSuppression: Check {
    public static let id = "unused-suppression"
    public static let summary = "A prisma-codemod-ignore comment suppresses nothing."
    public static let rationale = """
        A suppression comment that silences nothing hides nothing today, but would silently hide a new finding on that \
        line later.
        """
    public static let fix = """
        Remove the comment, or correct the check id it names.
        """
    public static let defaultSeverity = CheckSeverity.warning
    public static let enabledByDefault = true
    public static let settlesAfterSuppressions = true

    public static let triggeringExamples = [
        CheckExample("""
            import { prisma, executeWithRetry } from '../utils/prisma';
            ↓// prisma-codemod-ignore-next-line read-in-retry
            export const load = () => prisma.user.findMany();
            export const count = () =>
              ↓/* prisma-codemod-ignore-next-line retry-inside-transaction */
              executeWithRetry(() => prisma.user.count());
            ↓// prisma-codemod-ignore-next-line -- a bare one silences every check, and there is none
            export const first = () => prisma.user.findFirst();
            export const last = () => prisma.user.findFirst(); ↓// prisma-codemod-ignore-line read-in-retry
            """),
    ]

    public static let nonTriggeringExamples = [
        CheckExample("""
            import { PrismaClient } from '@prisma/client';
            import { executeWithRetry } from '../utils/prisma';
            const reader = new PrismaClient();
            // prisma-codemod-ignore-next-line read-in-retry
            export const count = () => executeWithRetry(() => reader.user.count());
            // prisma-codemod-ignore-next-line multiple-client-instances -- the reporting replica
            const writer = new PrismaClient();
            export const add = () => writer.user.create({ data: {} });
            // prisma-codemod-ignore-next-line
            export const total = () => executeWithRetry(() => reader.user.count());
            export const all = () => executeWithRetry(() => reader.user.findMany()); /* prisma-codemod-ignore-line read-in-retry */
            // a comment that mentions prisma-codemod-ignore-next-line is not one
            export const list = () => reader.user.findMany();
            """),
    ]

    public static func settle(_ run: CheckRun) -> [String: [Violation]] {
        run.unusedSuppressions.mapValues { suppressions in
            suppressions.map { suppression in
                Violation(line: suppression.line, column: suppression.column,
                          message: "this \(suppression.directive) suppresses nothing; remove it",
                          code: suppression.text)
            }
        }
    }
}

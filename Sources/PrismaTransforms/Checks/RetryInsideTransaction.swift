import PrismaRules

/// Flags the retry helper inside a `$transaction`, or retrying a call on a transaction's
/// client: that retries one statement of a transaction. Fixed by `apply hoist-retry-to-transaction`.
public enum RetryInsideTransaction: Check {
    public static let id = "retry-inside-transaction"
    public static let summary = "The retry helper is used inside a transaction."
    public static let rationale = """
        Retrying one statement inside a transaction re-runs that statement alone after the transaction may already \
        have failed or rolled back; the unit that can be retried safely is the whole transaction.
        """
    public static let fix = """
        Run `prisma-codemod apply hoist-retry-to-transaction`: it removes the inner retries and wraps the whole \
        `$transaction(...)` call in the helper.
        """
    public static let defaultSeverity = CheckSeverity.error
    public static let enabledByDefault = true

    public static let triggeringExamples = [
        CheckExample("""
            import { prisma, executeWithRetry } from '../utils/prisma';
            export async function move(id: number) {
              await prisma.$transaction(async (tx) => {
                await executeWithRetry(() => ↓tx.task.update({ where: { id }, data: {} }));
                await executeWithRetry(() => ↓prisma.user.count());
              });
            }
            """),
    ]

    public static let nonTriggeringExamples = [
        CheckExample("""
            import { prisma, executeWithRetry } from '../utils/prisma';
            export async function move(id: number) {
              await executeWithRetry(() => prisma.$transaction(async (tx) => {
                await tx.task.update({ where: { id }, data: {} });
              }));
              await executeWithRetry(() => prisma.task.delete({ where: { id } }));
            }
            """),
    ]

    public static func violations(in file: PrismaFile) -> [Violation] {
        let retryOnTransactionClient = Set(file.calls.filter(\.onTransactionClient).compactMap { $0.retry?.call.byteRange.lowerBound })
        return file.retryCalls.compactMap { retry in
            let start = retry.call.byteRange.lowerBound
            guard file.isInsideTransaction(retry.call) || retryOnTransactionClient.contains(start) else { return nil }
            let call = file.calls.first { $0.retry?.call.byteRange == retry.call.byteRange }
            return Violation(callStart: call?.codeStart, retry: retry, in: file.file, message: "\(retry.helper) inside a $transaction retries one "
                             + "statement of a transaction; retry the whole $transaction(...) call instead")
        }
    }
}

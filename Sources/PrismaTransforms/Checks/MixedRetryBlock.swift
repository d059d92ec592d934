import PrismaRules

/// Lists retry callbacks that read and write: a write retry (so not `read-in-retry`), whose
/// reads are retried with the write. Often intended (read, then write from what was read);
/// off by default, for a team that wants its retries to hold writes only. No transform
/// fixes it: splitting the callback changes what one attempt sees.
public enum MixedRetryBlock: Check {
    public static let id = "mixed-retry-block"
    public static let summary = "A retry callback both reads and writes, so its reads are retried with its writes."
    public static let rationale = """
        A retry callback that both reads and writes is a write retry, so its reads run again on every attempt. That is \
        often intended (read, then write from what was read); a team that wants its retries to hold writes only lists \
        them with this check.
        """
    public static let fix = """
        No transform fixes this, since splitting the callback changes what one attempt sees: move the reads out of the \
        callback by hand where they need not be retried, or suppress the finding with a reason.
        """
    public static let defaultSeverity = CheckSeverity.note
    public static let enabledByDefault = false

    public static let triggeringExamples = [
        CheckExample("""
            import { prisma, executeWithRetry } from '../utils/prisma';
            export const log = () => executeWithRetry(async () => {
              const users = await ↓prisma.user.findMany();
              await prisma.log.create({ data: { count: users.length } });
            });
            """),
    ]

    public static let nonTriggeringExamples = [
        CheckExample("""
            import { prisma, executeWithRetry } from '../utils/prisma';
            export const add = () => executeWithRetry(() => prisma.user.create({ data: {} }));
            export const move = () => executeWithRetry(async () => {
              await prisma.user.update({ where: { id: 1 }, data: {} });
              await prisma.log.create({ data: {} });
            });
            export const swap = () => executeWithRetry(() => prisma.$transaction(async (tx) => {
              const user = await tx.user.findFirst();
              await tx.log.create({ data: { id: user?.id } });
            }));
            """),
    ]

    public static func violations(in file: PrismaFile) -> [Violation] {
        file.retryBlocks.compactMap { block in
            guard block.isMixed else { return nil }
            let reads = block.calls.filter { $0.methodClass == .read }.map(\.label).joined(separator: ", ")
            let writes = block.calls.filter { $0.methodClass == .write }.map(\.label).joined(separator: ", ")
            return Violation(callStart: block.calls.first?.codeStart, retry: block.retry, in: file.file, message: "\(block.retry.helper) retries the reads "
                             + "\(reads) with the writes \(writes); move the reads out of the callback if they need no retry")
        }
    }
}

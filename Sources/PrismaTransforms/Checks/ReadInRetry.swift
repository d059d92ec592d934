import PrismaRules

/// Flags a retry whose callback only reads (a read query, a read-only `$transaction`, a raw
/// `SELECT`): under a full connection pool a retried read only adds load. A callback that
/// also writes is a write retry, not flagged (`mixed-retry-block` lists those). Reported at
/// the Prisma call, with the retry call as its wrapper (a suppression may name either line);
/// fixed by `apply unwrap-reads`, which leaves the sites suppressed here.
public enum ReadInRetry: Check {
    public static let id = "read-in-retry"
    public static let summary = "A Prisma read is wrapped in the retry helper."
    public static let rationale = """
        A retry helper exists for transient write conflicts and dropped connections. Retrying a read under a full \
        connection pool only queues more queries on the pool that is already exhausted, so reads are better called \
        directly. A callback that also writes is a write retry and is not flagged (see mixed-retry-block).
        """
    public static let fix = """
        Run `prisma-codemod apply unwrap-reads` (preview it with `prisma-codemod diff unwrap-reads`): it calls the \
        read directly and drops the helper's import when it is no longer used.
        """
    public static let defaultSeverity = CheckSeverity.error
    public static let enabledByDefault = true

    public static let triggeringExamples = [
        CheckExample("""
            import { prisma, executeWithRetry } from '../utils/prisma';
            export async function load(id: number) {
              return await executeWithRetry(() => ↓prisma.user.findUnique({ where: { id } }));
            }
            """),
        CheckExample("""
            import { prisma, withDbRetry } from '../utils/prisma';
            export const count = () => withDbRetry(() => ↓prisma.task.count());
            export const all = () => withDbRetry(async () => {
              return ↓prisma.task.findMany();
            });
            """),
        CheckExample("""
            import { prisma, executeWithRetry } from '../utils/prisma';
            export const stats = () => executeWithRetry(() => ↓prisma.$transaction([prisma.task.count(), prisma.task.findMany()]));
            export const one = (id: number) => executeWithRetry(() => ↓prisma.$queryRaw`SELECT * FROM "Task" WHERE id = ${id}`);
            export const both = () => executeWithRetry(async () => {
              const tasks = await ↓prisma.task.findMany();
              const users = await prisma.user.count();
              return { tasks, users };
            });
            """),
    ]

    public static let nonTriggeringExamples = [
        CheckExample("""
            import { prisma, executeWithRetry } from '../utils/prisma';
            export const load = (id: number) => prisma.user.findUnique({ where: { id } });
            export const add = () => executeWithRetry(() => prisma.user.create({ data: {} }));
            export const id = () => executeWithRetry(() => prisma.$queryRaw`INSERT INTO "Log" DEFAULT VALUES RETURNING id`);
            export const log = () => executeWithRetry(async () => {
              const users = await prisma.user.findMany();
              await prisma.log.create({ data: { count: users.length } });
            });
            """),
    ]

    public static func violations(in file: PrismaFile) -> [Violation] {
        file.retryBlocks.compactMap { block in
            guard block.methodClass == .read else { return nil }
            let labels = block.calls.map(\.label)
            let what = labels.count == 1 ? "\(labels[0]) is a read" : "\(labels.joined(separator: ", ")) are reads"
            return Violation(callStart: block.calls.first?.codeStart, retry: block.retry, in: file.file, message: "\(what) wrapped in \(block.retry.helper): "
                             + "retrying reads under a full connection pool only adds load; call it directly (prisma-codemod apply unwrap-reads)")
        }
    }
}

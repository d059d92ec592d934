import PrismaRules

/// Flags a Prisma read wrapped in the retry helper: under a full connection pool a retried
/// read only adds load. Fixed by `apply unwrap-reads`.
public enum ReadInRetry: Check {
    public static let id = "read-in-retry"
    public static let summary = "A Prisma read is wrapped in the retry helper."
    public static let defaultSeverity = CheckSeverity.error
    public static let enabledByDefault = true

    public static let triggeringExamples = [
        CheckExample("""
            import { prisma, executeWithRetry } from '../utils/prisma';
            export async function load(id: number) {
              return await ↓executeWithRetry(() => prisma.user.findUnique({ where: { id } }));
            }
            """),
        CheckExample("""
            import { prisma, withDbRetry } from '../utils/prisma';
            export const count = () => ↓withDbRetry(() => prisma.task.count());
            export const all = () => ↓withDbRetry(async () => {
              return prisma.task.findMany();
            });
            """),
    ]

    public static let nonTriggeringExamples = [
        CheckExample("""
            import { prisma, executeWithRetry } from '../utils/prisma';
            export const load = (id: number) => prisma.user.findUnique({ where: { id } });
            export const add = () => executeWithRetry(() => prisma.user.create({ data: {} }));
            """),
    ]

    public static func violations(in file: PrismaFile) -> [Violation] {
        file.calls.compactMap { call in
            guard call.methodClass == .read, let retry = call.retry else { return nil }
            return Violation(at: retry.reportedNode, in: file.file, message: "\(call.label) is a read wrapped in \(retry.helper): "
                             + "retrying reads under a full connection pool only adds load; call it directly (prisma-codemod apply unwrap-reads)")
        }
    }
}

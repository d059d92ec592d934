import { prisma, executeWithRetry } from '../utils/prisma';

export function later(id: number) {
  const pending = prisma.$transaction(async (tx) => {
    await executeWithRetry(() => tx.order.delete({ where: { id } }));
  });
  return { pending };
}

import { prisma, executeWithRetry } from '../utils/prisma';

export async function archive(id: number) {
  await executeWithRetry(() =>
    prisma.$transaction(async (tx) => {
      await executeWithRetry(() => tx.order.update({ where: { id }, data: { archived: true } }));
    })
  );
}

import { prisma, executeWithRetry } from '../utils/prisma';

export async function transfer(from: number, to: number) {
  await executeWithRetry(() =>
    prisma.$transaction(async (trx) => {
      await trx.branch.update({ where: { id: from }, data: { size: { decrement: 1 } } });
      await trx.branch.update({ where: { id: to }, data: { size: { increment: 1 } } });
    })
  );
}

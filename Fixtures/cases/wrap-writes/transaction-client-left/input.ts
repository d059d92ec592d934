import { prisma } from '../utils/prisma';

export async function transfer(from: number, to: number) {
  await prisma.$transaction(async (trx) => {
    await trx.branch.update({ where: { id: from }, data: { size: { decrement: 1 } } });
    await trx.branch.update({ where: { id: to }, data: { size: { increment: 1 } } });
  });
}

import { prisma } from '../utils/prisma';

export async function move(a: number) {
  await prisma.$transaction(async (tx) => {
    await tx.account.update({ where: { id: a }, data: { moved: true } });
    await prisma.auditLog.create({ data: { message: 'moved' } });
  });
}

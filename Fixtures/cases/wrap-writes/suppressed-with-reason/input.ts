import { prisma } from '../utils/prisma';

export async function log(userId: number) {
  // prisma-codemod-ignore-next-line write-without-retry -- idempotency key missing, a retry would log twice
  await prisma.auditLog.create({ data: { userId } });
  await prisma.user.update({ where: { id: userId }, data: { seen: true } });
}

import { prisma } from '../utils/prisma';

export async function log(message: string) {
  await prisma.$transaction(async () => {
    await prisma.auditLog.create({ data: { message } });
  });
}

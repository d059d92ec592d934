import { Prisma } from '@prisma/client';
import { prisma } from '../utils/prisma';

export async function createAudit(message: string, prisma: Prisma.TransactionClient) {
  await prisma.auditLog.create({ data: { message } });
}

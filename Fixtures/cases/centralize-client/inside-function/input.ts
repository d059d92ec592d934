import { PrismaClient } from '@prisma/client';

export async function report() {
  const prisma = new PrismaClient();
  return prisma.payroll.aggregate({ _sum: { amount: true } });
}

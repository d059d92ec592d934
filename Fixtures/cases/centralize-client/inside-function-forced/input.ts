import { PrismaClient } from '@prisma/client';

export async function report() {
  const db = new PrismaClient();
  return db.payroll.aggregate({ _sum: { amount: true } });
}

import { prisma } from '../utils/prisma';

export async function report() {
  const db = prisma;
  return db.payroll.aggregate({ _sum: { amount: true } });
}

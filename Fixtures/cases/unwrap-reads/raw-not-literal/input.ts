import { Prisma } from '@prisma/client';
import { prisma, executeWithRetry } from '../utils/prisma';
import { monthlyTotals } from '@prisma/client/sql';

export async function run(query: string) {
  const rows = await executeWithRetry(() => prisma.$queryRaw(Prisma.raw(query)));
  const totals = await executeWithRetry(() => prisma.$queryRawTyped(monthlyTotals(2026)));
  return { rows, totals };
}

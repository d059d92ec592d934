import { Prisma } from '@prisma/client';
import { prisma } from '../utils/prisma';

type Load = { branchId: number; open: bigint };

export async function openTasks(branchIds: number[]) {
  const rows = await prisma.$queryRaw<Load[]>(Prisma.sql`
      SELECT "branchId", COUNT(*) AS open
        FROM "Task"
       WHERE "branchId" IN (${Prisma.join(branchIds)})
       GROUP BY "branchId"
    `);
  return rows;
}

import { Prisma } from '@prisma/client';
import { prisma } from '../utils/prisma';

export async function ping() {
  const rows = await prisma.$queryRaw<{ ok: number }[]>(Prisma.sql`SELECT 1 AS ok`);
  return rows[0]?.ok === 1;
}

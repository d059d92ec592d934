import { prisma } from '../utils/prisma';

type Row = { id: number; total: bigint };

export async function totals() {
  const rows = await prisma.$queryRaw<Row[]>`
      SELECT id, SUM(amount) AS total
        FROM payroll
       GROUP BY id
    `;
  return rows;
}

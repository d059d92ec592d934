// syntax error at 6:24
import { prisma } from './prisma';

export async function broken() {
  const rows = await prisma.$queryRaw<{ id: number; name: string }[]>`SELECT id, name FROM t`;
  const next = rows.map((;
  return next;
}

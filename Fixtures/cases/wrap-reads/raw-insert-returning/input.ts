import { prisma } from '../utils/prisma';

export async function stamp(userId: number) {
  const [row] = await prisma.$queryRaw<{ id: number }[]>`
    INSERT INTO "Visit" ("userId") VALUES (${userId})
    RETURNING id
  `;
  const visits = await prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "Visit" WHERE "userId" = ${userId}`;
  return { id: row.id, visits };
}

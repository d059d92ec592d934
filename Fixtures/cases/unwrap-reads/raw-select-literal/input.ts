import { Prisma } from '@prisma/client';
import { prisma, executeWithRetry } from '../utils/prisma';

export async function report(id: number) {
  const user = await executeWithRetry(() => prisma.$queryRaw`SELECT * FROM "User" WHERE id = ${id}`);
  const names = await executeWithRetry(() => prisma.$queryRawUnsafe('SELECT name FROM "User" WHERE id = $1', id));
  const recent = await executeWithRetry(() =>
    prisma.$queryRaw(Prisma.sql`
      -- the last week
      WITH recent AS (SELECT * FROM "Visit" WHERE at > now() - interval '7 days')
      SELECT count(*) FROM recent
    `)
  );
  const id2 = await executeWithRetry(() => prisma.$queryRaw`UPDATE "User" SET seen = now() WHERE id = ${id} RETURNING id`);
  return { user, names, recent, id2 };
}

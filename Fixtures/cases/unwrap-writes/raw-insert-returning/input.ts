import { prisma, executeWithRetry } from '../utils/prisma';

export async function stamp(userId: number) {
  const [row] = await executeWithRetry(() =>
    prisma.$queryRaw<{ id: number }[]>`
      INSERT INTO "Visit" ("userId") VALUES (${userId})
      RETURNING id
    `
  );
  return row.id;
}

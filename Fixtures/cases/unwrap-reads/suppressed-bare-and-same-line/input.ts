import { prisma, executeWithRetry } from '../utils/prisma';

export async function load(id: number) {
  /* prisma-codemod-ignore-next-line -- the replica lags; keep retrying */
  const user = await executeWithRetry(() =>
    prisma.user.findUnique({ where: { id } })
  );
  const count = await executeWithRetry(() => prisma.user.count()); // prisma-codemod-ignore-line read-in-retry, write-without-retry
  return { user, count };
}

import { prisma, executeWithRetry } from '../utils/prisma';

export async function all() {
  return await executeWithRetry(() =>
    prisma.user.findMany() // soft-deleted users are filtered by middleware
  );
}

import { prisma, executeWithRetry } from '../utils/prisma';

export async function findBranch(id: number, db = prisma) {
  return executeWithRetry(() => db.branch.findUnique({ where: { id } }));
}

import { prisma, executeWithRetry } from '../utils/prisma';

export async function listBranches() {
  return await executeWithRetry(async () => {
    return await prisma.branch.findMany({ orderBy: { name: 'asc' } });
  });
}

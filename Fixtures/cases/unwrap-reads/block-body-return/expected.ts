import { prisma } from '../utils/prisma';

export async function listBranches() {
  return await prisma.branch.findMany({ orderBy: { name: 'asc' } });
}

import { prisma } from '../utils/prisma';

export async function findBranch(id: number, db = prisma) {
  return db.branch.findUnique({ where: { id } });
}

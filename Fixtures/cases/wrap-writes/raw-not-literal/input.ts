import { prisma } from '../utils/prisma';

export async function run(query: string) {
  return prisma.$queryRawUnsafe(query);
}

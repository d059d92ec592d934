import { prisma, executeWithRetry } from '../utils/prisma';

export const deps = { executeWithRetry };

export async function users() {
  return await prisma.user.findMany();
}

import { prisma, executeWithRetry } from '../utils/prisma';

export async function load(id: number) {
  const user = await prisma.user.findUnique({ where: { id } });
  // prisma-codemod-ignore-next-line read-in-retry
  const roles = await executeWithRetry(() => prisma.role.findMany({ where: { userId: id } }));
  return { user, roles };
}

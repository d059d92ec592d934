import { prisma, executeWithRetry } from '../utils/prisma';

export async function both(id: number) {
  return executeWithRetry(async () => {
    const user = await prisma.user.findUnique({ where: { id } });
    const roles = await prisma.userRole.findMany({ where: { userId: id } });
    return { user, roles };
  });
}

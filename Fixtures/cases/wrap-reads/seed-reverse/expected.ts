import { prisma, executeWithRetry } from '../utils/prisma';

export async function getActiveRole(userId: number) {
  const userRole = await executeWithRetry(() =>
    prisma.userRole.findFirst({
      where: { userId, lastUsed: true },
      include: { role: true }
    })
  );
  return userRole;
}

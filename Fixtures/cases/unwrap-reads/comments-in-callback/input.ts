import { prisma, executeWithRetry } from '../utils/prisma';

export async function settings(userId: number) {
  return executeWithRetry(() => {
    // settings are cached for 5 minutes upstream
    return prisma.userSettings.findUnique({ where: { userId } });
  });
}

import { prisma, executeWithRetry } from '../utils/prisma';

export const countUsers = async () => {
  const total = await executeWithRetry(() => prisma.user.count());
  return total;
};

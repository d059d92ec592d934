import { prisma, executeWithRetry } from '../utils/prisma';

export async function dashboard() {
  const [users, roles] = await Promise.all([
    executeWithRetry(() => prisma.user.count()),
    executeWithRetry(() => prisma.role.findMany()),
  ]);
  return { users, roles };
}

import { prisma, executeWithRetry } from '../utils/prisma';

export async function pair(id: number) {
  const user = await executeWithRetry(() => prisma.user.findUnique({ where: { id } }));
  const count = await executeWithRetry(() => prisma.task.count({ where: { userId: id } }));
  return { user, count };
}

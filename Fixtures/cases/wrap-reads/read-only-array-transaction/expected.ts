import { prisma, executeWithRetry } from '../utils/prisma';

export async function stats() {
  const [tasks, total] = await executeWithRetry(() => prisma.$transaction([prisma.task.findMany(), prisma.task.count()]));
  const overview = await executeWithRetry(() =>
    prisma.$transaction(async (tx) => {
      const users = await tx.user.count();
      const open = await tx.task.count({ where: { done: false } });
      return { users, open };
    })
  );
  return { tasks, total, overview };
}

import { prisma, executeWithRetry } from '../utils/prisma';

export async function lookup(id: number | null, all: boolean) {
  const user = id && await executeWithRetry(() => prisma.user.findUnique({ where: { id } }));
  const tasks = all ? await executeWithRetry(() => prisma.task.findMany()) : [];
  return { user, tasks };
}

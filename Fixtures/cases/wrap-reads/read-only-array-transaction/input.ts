import { prisma } from '../utils/prisma';

export async function stats() {
  const [tasks, total] = await prisma.$transaction([prisma.task.findMany(), prisma.task.count()]);
  const overview = await prisma.$transaction(async (tx) => {
    const users = await tx.user.count();
    const open = await tx.task.count({ where: { done: false } });
    return { users, open };
  });
  return { tasks, total, overview };
}

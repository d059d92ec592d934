import { prisma } from '../utils/prisma';

export async function lookup(id: number | null, all: boolean) {
  const user = id && await prisma.user.findUnique({ where: { id } });
  const tasks = all ? await prisma.task.findMany() : [];
  return { user, tasks };
}

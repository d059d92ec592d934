import { prisma } from '../utils/prisma';

export async function firstTask() {
  const task = await prisma.task.findFirst();
  return task;
}

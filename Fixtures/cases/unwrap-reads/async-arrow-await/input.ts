import { prisma, executeWithRetry } from '../utils/prisma';

export async function firstTask() {
  const task = await executeWithRetry(async () => await prisma.task.findFirst());
  return task;
}

import { prisma, executeWithRetry } from '../utils/prisma';

const db = prisma;
const reader = db;

export async function listTasks(owner: number) {
  return executeWithRetry(() => reader.task.findMany({ where: { owner } }));
}

export async function countTasks() {
  return executeWithRetry(() => db.task.count());
}

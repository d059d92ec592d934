import { prisma } from '../utils/prisma';

const db = prisma;
const reader = db;

export async function listTasks(owner: number) {
  return reader.task.findMany({ where: { owner } });
}

export async function countTasks() {
  return db.task.count();
}

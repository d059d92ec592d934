import { Prisma } from '@prisma/client';
import { prisma } from '../utils/prisma';

export async function createTask(title: string, tx?: Prisma.TransactionClient) {
  const db = tx ?? prisma;
  return db.task.create({ data: { title } });
}

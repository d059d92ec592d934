import { prisma, executeWithRetry } from '../utils/prisma';

const readers = [prisma.task.findMany, prisma.project.findMany];

export async function readAll() {
  return Promise.all(readers.map((read) => executeWithRetry(() => read())));
}

import { prisma } from '../utils/prisma';

export function queue(name: string) {
  const pending = prisma.task.create({ data: { name } });
  return pending;
}

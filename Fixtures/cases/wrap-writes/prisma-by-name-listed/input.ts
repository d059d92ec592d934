import { prisma } from '../utils/prisma';

export async function touch(model: 'task' | 'project', id: number) {
  return (prisma as any)[model].update({ where: { id }, data: { touchedAt: new Date() } });
}

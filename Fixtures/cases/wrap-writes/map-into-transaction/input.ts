import { prisma } from '../utils/prisma';

export async function finish(items: { id: number }[]) {
  const ops = items.map((item) => prisma.item.update({ where: { id: item.id }, data: { done: true } }));
  await prisma.$transaction(ops);
}

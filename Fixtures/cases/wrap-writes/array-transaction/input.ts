import { prisma } from '../utils/prisma';

export async function swap(a: number, b: number) {
  await prisma.$transaction([
    prisma.tour.update({ where: { id: a }, data: { slot: b } }),
    prisma.tour.update({ where: { id: b }, data: { slot: a } }),
  ]);
}

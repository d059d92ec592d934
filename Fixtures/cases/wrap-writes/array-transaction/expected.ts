import { prisma, executeWithRetry } from '../utils/prisma';

export async function swap(a: number, b: number) {
  await executeWithRetry(() =>
    prisma.$transaction([
      prisma.tour.update({ where: { id: a }, data: { slot: b } }),
      prisma.tour.update({ where: { id: b }, data: { slot: a } }),
    ])
  );
}

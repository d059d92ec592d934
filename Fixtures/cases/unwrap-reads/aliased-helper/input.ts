import { prisma, executeWithRetry as retry } from '../utils/prisma';

export const load = async (id: number) => {
  const tour = await retry(() => prisma.tour.findUnique({ where: { id } }));
  return tour;
};

import { prisma } from '../utils/prisma';

export const load = async (id: number) => {
  const tour = await prisma.tour.findUnique({ where: { id } });
  return tour;
};

import { prisma } from '../utils/prisma';

export const countUsers = async () => {
  const total = await prisma.user.count();
  return total;
};

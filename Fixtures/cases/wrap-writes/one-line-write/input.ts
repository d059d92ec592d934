import { prisma } from '../utils/prisma';

export const archive = async (id: number) => {
  await prisma.task.update({ where: { id }, data: { archived: true } });
};

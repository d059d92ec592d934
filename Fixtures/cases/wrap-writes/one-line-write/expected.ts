import { prisma, executeWithRetry } from '../utils/prisma';

export const archive = async (id: number) => {
  await executeWithRetry(() => prisma.task.update({ where: { id }, data: { archived: true } }));
};

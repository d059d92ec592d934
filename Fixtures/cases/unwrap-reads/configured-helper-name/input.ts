import { prisma, withDbRetry } from '../utils/prisma';

export const load = async (id: number) => {
  const client = await withDbRetry(() => prisma.client.findUnique({ where: { id } }));
  return client;
};

import { prisma } from '../utils/prisma';

export const load = async (id: number) => {
  const client = await prisma.client.findUnique({ where: { id } });
  return client;
};

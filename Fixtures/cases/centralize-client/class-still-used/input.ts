import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();

export function scoped(client: PrismaClient = prisma) {
  return client.tour.findMany();
}

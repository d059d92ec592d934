import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();

export function withClient(client: PrismaClient = prisma) {
  return client.user.count();
}

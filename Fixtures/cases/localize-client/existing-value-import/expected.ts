import { Prisma, PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();

export const byName = (name: string) =>
  prisma.user.findMany({ where: { name: { contains: name, mode: Prisma.QueryMode.insensitive } } });

import { Prisma, PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();

export const all = (where: Prisma.RoleWhereInput) => prisma.role.findMany({ where });

import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();

export const all = () => prisma.user.findMany();

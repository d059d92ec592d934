import { PrismaClient } from '../../generated/prisma/client';
const prisma = new PrismaClient({ log: ['query'] });

export const all = () => prisma.user.findMany();

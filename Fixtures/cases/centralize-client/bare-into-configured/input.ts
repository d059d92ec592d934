import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export const count = () => prisma.user.count();

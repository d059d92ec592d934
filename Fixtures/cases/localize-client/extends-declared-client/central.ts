import { PrismaClient } from '@prisma/client';

const base = new PrismaClient();
export const prisma = base.$extends({ name: 'audit' });

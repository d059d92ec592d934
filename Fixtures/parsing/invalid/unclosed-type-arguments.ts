// syntax error at 4:38
import { prisma } from './prisma';

export const rows = prisma.$queryRaw<{ id: number }[]`SELECT 1`;

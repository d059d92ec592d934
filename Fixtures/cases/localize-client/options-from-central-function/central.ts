import { PrismaClient } from '@prisma/client';

function options() {
  return { log: process.env.DEBUG ? ['query'] : [] };
}

export const prisma = new PrismaClient(options());

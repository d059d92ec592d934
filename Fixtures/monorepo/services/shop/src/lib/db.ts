import { PrismaClient } from '@prisma/client';

// One client per process; the connection string comes from DATABASE_URL.
export const db = new PrismaClient({
  log: process.env.NODE_ENV === 'development' ? ['query', 'warn'] : ['warn'],
});

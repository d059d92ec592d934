import { PrismaClient } from '@prisma/client';
import { withAccelerate } from '@prisma/extension-accelerate';

const globalForPrisma = globalThis as unknown as { prisma?: ReturnType<typeof createClient> };
const createClient = () => new PrismaClient({ log: ['warn', 'error'] }).$extends(withAccelerate());

export const prisma = globalForPrisma.prisma ?? createClient();
if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma;

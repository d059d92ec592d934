import type { PrismaClient } from '@prisma/client';
import { prisma, executeWithRetry } from '../utils/prisma';

export const seven = (client: PrismaClient = prisma) => executeWithRetry(() => client.user.findMany({ take: 7 }));

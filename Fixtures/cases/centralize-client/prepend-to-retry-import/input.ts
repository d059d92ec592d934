import { PrismaClient } from '@prisma/client';
import { executeWithRetry } from '../utils/prisma';
const prisma = new PrismaClient();

export const create = (name: string) => executeWithRetry(() => prisma.client.create({ data: { name } }));

import { PrismaClient } from '@prisma/client';
import { executeWithRetry } from '../utils/prisma';
const prisma = new PrismaClient();

export const all = () => executeWithRetry(() => prisma.role.findMany());

import { prisma, executeWithRetry } from '../utils/prisma';

export const all = () => executeWithRetry(() => prisma.role.findMany());

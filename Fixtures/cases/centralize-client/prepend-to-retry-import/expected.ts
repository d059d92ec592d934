import { prisma, executeWithRetry } from '../utils/prisma';

export const create = (name: string) => executeWithRetry(() => prisma.client.create({ data: { name } }));

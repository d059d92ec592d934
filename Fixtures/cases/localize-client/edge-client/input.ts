import { Prisma } from '@prisma/client';
import { prisma, executeWithRetry } from '../utils/prisma';

export const names = (where: Prisma.UserWhereInput) => executeWithRetry(() => prisma.user.findMany({ where }));

import { Prisma } from '@prisma/client';
import { PrismaClient } from '@prisma/client/edge';
import { withAccelerate } from '@prisma/extension-accelerate';
import { executeWithRetry } from '../utils/prisma';
const prisma = new PrismaClient().$extends(withAccelerate());

export const names = (where: Prisma.UserWhereInput) => executeWithRetry(() => prisma.user.findMany({ where }));

import { prisma } from '../utils/prisma';
import { Prisma } from '@prisma/client';

export const all = (where: Prisma.UserWhereInput) => prisma.user.findMany({ where });

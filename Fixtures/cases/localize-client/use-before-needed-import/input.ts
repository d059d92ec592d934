import { prisma } from '../utils/prisma';

export const ready = prisma.$connect();

import { Prisma } from '@prisma/client';

export const all = (where: Prisma.UserWhereInput) => prisma.user.findMany({ where });

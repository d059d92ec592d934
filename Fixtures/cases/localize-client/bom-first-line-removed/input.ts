import { prisma } from '../utils/prisma';
import { Prisma } from '@prisma/client';

export const all = (where: Prisma.RoleWhereInput) => prisma.role.findMany({ where });

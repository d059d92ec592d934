import { Prisma } from '@prisma/client';
import { prisma } from '../utils/prisma';

export const byName = (name: string) =>
  prisma.user.findMany({ where: { name: { contains: name, mode: Prisma.QueryMode.insensitive } } });

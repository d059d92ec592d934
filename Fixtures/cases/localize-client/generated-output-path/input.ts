import { prisma } from '../../lib/prisma';

export const all = () => prisma.user.findMany();

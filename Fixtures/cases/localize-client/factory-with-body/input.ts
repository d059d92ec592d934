import { prisma } from '../utils/prisma';

export const all = () => prisma.user.findMany();

import { prisma } from '../utils/prisma';

export const broken = ( => prisma.user.findMany();

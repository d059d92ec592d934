import { prisma } from '../utils/prisma.js';

export const count = () => prisma.user.count();

import prisma from '../lib/db';

export const count = () => prisma.user.count();

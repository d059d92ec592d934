import { PrismaClient } from '@prisma/client';
const db = new PrismaClient();

export const countUsers = () => db.user.count();

import { prisma as db } from '../utils/prisma';

export const countUsers = () => db.user.count();

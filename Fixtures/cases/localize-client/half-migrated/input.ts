import { PrismaClient } from '@prisma/client';
import { prisma } from '../utils/prisma';

const local = new PrismaClient();
export const both = () => Promise.all([prisma.user.count(), local.user.count()]);

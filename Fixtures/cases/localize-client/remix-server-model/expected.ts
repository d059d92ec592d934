import { PrismaClient } from '@prisma/client';
import { cached } from '~/utils/cache.server';
const prisma = new PrismaClient();

export const getNotes = cached(() => prisma.note.findMany());

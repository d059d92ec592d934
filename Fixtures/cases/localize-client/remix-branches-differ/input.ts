import { prisma } from '~/db.server';
import { cached } from '~/utils/cache.server';

export const getNotes = cached(() => prisma.note.findMany());

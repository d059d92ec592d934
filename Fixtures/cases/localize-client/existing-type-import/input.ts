import type { User } from '@prisma/client';
import { prisma } from '../utils/prisma';

export const first = (): Promise<User | null> => prisma.user.findFirst();

import type { User } from '@prisma/client';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();

export const first = (): Promise<User | null> => prisma.user.findFirst();

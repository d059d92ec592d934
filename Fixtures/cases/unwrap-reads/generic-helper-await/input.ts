import type { User } from '@prisma/client';
import { prisma, executeWithRetry } from '../utils/prisma';

export async function me(id: number) {
  const user = await executeWithRetry<User | null>(() =>
    prisma.user.findUnique({
      where: { id }
    })
  );
  return user;
}

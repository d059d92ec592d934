import type { User } from '@prisma/client';
import { prisma } from '../utils/prisma';

export async function me(id: number) {
  const user = await prisma.user.findUnique({
    where: { id }
  });
  return user;
}

import { PrismaClient } from '@prisma/client';
import { executeWithRetry } from '../utils/prisma';

export function fromFake(prisma: { user: { findMany(): Promise<unknown[]> } }) {
  return prisma.user.findMany();
}

const prisma = new PrismaClient();

export async function real() {
  return await prisma.user.findMany();
}

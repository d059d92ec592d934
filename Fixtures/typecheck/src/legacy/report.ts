import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function report() {
  const users = await prisma.user.count();
  const posts = await prisma.post.count();
  return { users, posts };
}

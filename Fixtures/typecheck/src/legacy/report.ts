import { PrismaClient } from '@prisma/client';
import { withAccelerate } from '@prisma/extension-accelerate';

const prisma = new PrismaClient().$extends(withAccelerate());

export async function report() {
  const users = await prisma.user.count();
  const posts = await prisma.post.count();
  return { users, posts };
}

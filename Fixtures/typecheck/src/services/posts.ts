import { prisma } from '../utils/prisma';

export async function createPost(userId: number, title: string) {
  const post = await prisma.post.create({ data: { userId, title } });
  return post;
}

export async function countPosts(): Promise<number> {
  return prisma.post.count();
}

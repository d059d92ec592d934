import { prisma } from '../utils/prisma';

export async function postsOf(id: number) {
  const posts = await prisma.user.findUnique({ where: { id } }).posts();
  return posts;
}

import { prisma, executeWithRetry } from '../utils/prisma';

export async function postsOf(id: number) {
  const posts = await executeWithRetry(() => prisma.user.findUnique({ where: { id } }).posts());
  return posts;
}

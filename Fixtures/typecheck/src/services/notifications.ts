import { prisma, executeWithRetry } from '../utils/prisma';

export async function notify(userId: number, text: string) {
  await executeWithRetry(() => prisma.notification.create({ data: { userId, text } }));
}

export async function moveAll(from: number, to: number) {
  await prisma.$transaction(async (tx) => {
    await executeWithRetry(() => tx.notification.updateMany({ where: { userId: from }, data: { userId: to } }));
    await executeWithRetry(() => tx.notification.deleteMany({ where: { userId: from } }));
  });
}

export async function archive(userId: number) {
  return await executeWithRetry(() =>
    prisma.$transaction(async (tx) => {
      const removed = await tx.notification.deleteMany({ where: { userId } });
      await tx.post.updateMany({ where: { userId }, data: { title: 'archived' } });
      return removed.count;
    })
  );
}

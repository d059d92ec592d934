import { prisma, executeWithRetry } from '../utils/prisma';

export async function notify(userId: number, title: string) {
  const notification = await executeWithRetry(() =>
    prisma.notification.create({
      data: { userId, title }
    })
  );
  return notification;
}

import { prisma } from '../utils/prisma';

export async function notify(userId: number, title: string) {
  const notification = await prisma.notification.create({
    data: { userId, title }
  });
  return notification;
}

import { prisma } from '../utils/prisma';

export async function notify(userId: number, title: string) {
  const notification = await prisma.notification.create({
    data: {
      userId,
      title,
      read: false
    }
  });
  await prisma.user.update({ where: { id: userId }, data: { notifiedAt: new Date() } });
  return notification;
}

import { prisma } from '../utils/prisma';

export const getNotificationSettingsForUser = async (userId: number, limit = 50) => {
  return prisma.userNotificationSettings.findMany({
    where: { userId },
    orderBy: { createdAt: 'desc' },
    take: limit
  });
};

/**
 * Kapselt den Zugriff auf Benachrichtigungen
 */
export class NotificationRepository {
  static async findAll(userId: number) {
    return prisma.notification.findMany({ where: { userId }, orderBy: { createdAt: 'desc' } });
  }

  static async findById(id: number) {
    return prisma.notification.findUnique({ where: { id } });
  }
}

// Setzt den Status
export const setNotificationStatus = async (id: number, type: string) => {
  return prisma.notification.update({
    where: { id },
    data: { type }
  });
};

// Entfernt alte Benachrichtigungen
export const cleanupOldNotifications = async (olderThanDays = 365): Promise<number> => {
  const cutoff = new Date();
  cutoff.setDate(cutoff.getDate() - olderThanDays);

  const { count } = await prisma.notification.deleteMany({
    where: { createdAt: { lt: cutoff } }
  });

  if (count > 0) {
    console.log(`[NotificationService] ${count} alte Einträge entfernt (notification)`);
  }
  return count;
};

// Benachrichtigung per ID oder Fehler
export const findNotificationOrThrow = async (id: number) => {
  const notification = await prisma.notification.findUnique({ where: { id } });
  if (!notification) {
    throw new Error(`Notification ${id} nicht gefunden`);
  }
  return notification;
};

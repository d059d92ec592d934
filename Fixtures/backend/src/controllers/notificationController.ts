import { Request, Response } from 'express';
import { NotificationType } from '@prisma/client';
import { prisma } from '../utils/prisma';

interface NotificationPayload {
  userId: number;
  title: string;
  message: string;
  type: NotificationType;
  relatedEntityId?: number;
  relatedEntityType?: string;
}

// Benachrichtigungstyp -> Feld in den Benachrichtigungseinstellungen
const SETTINGS_FIELD: Partial<Record<NotificationType, string>> = {
  [NotificationType.task]: 'taskCreate',
  [NotificationType.request]: 'requestCreate',
  [NotificationType.worktime]: 'workTimeStart'
};

// GET /api/notifications/unread/count - wird vom Header-Badge alle 60s gepollt
export const getUnreadCount = async (req: Request, res: Response) => {
  try {
    const count = await prisma.notification.count({
      where: { userId: Number(req.userId), read: false }
    });
    res.json({ count });
  } catch (error) {
    console.error('Error in getUnreadCount:', error);
    res.status(500).json({ message: 'Fehler beim Zählen der Benachrichtigungen' });
  }
};

export const createNotificationSetting = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const { taskCreate, taskUpdate } = req.body;

    if (taskCreate === undefined) {
      return res.status(400).json({ message: 'Pflichtfeld fehlt: taskCreate' });
    }

    const notificationSettings = await prisma.userNotificationSettings.create({
      data: {
        taskCreate: Boolean(taskCreate),
        taskUpdate: Boolean(taskUpdate),
        userId
      }
    });

    res.status(201).json(notificationSettings);
  } catch (error) {
    console.error('Error in createNotificationSetting:', error);
    res.status(500).json({ message: 'Benachrichtigungseinstellung konnte nicht erstellt werden' });
  }
};

/**
 * GET /api/notification-settings/:id
 */
export const getNotificationSettingById = async (req: Request, res: Response) => {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Ungültige ID' });
    }

    const userId = Number(req.userId);
    const notificationSettings = await prisma.userNotificationSettings.findFirst({
      where: { id, userId }
    });

    if (!notificationSettings) {
      return res.status(404).json({ message: 'Benachrichtigungseinstellung nicht gefunden' });
    }

    res.json(notificationSettings);
  } catch (error) {
    console.error('Error in getNotificationSettingById:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Benachrichtigungseinstellungen' });
  }
};

// POST /api/notification-settings/import
export const importNotificationSettings = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const { items } = req.body as { items?: Array<Record<string, unknown>> };

    if (!Array.isArray(items) || items.length === 0) {
      return res.status(400).json({ message: 'Keine Daten übergeben' });
    }

    const result = await prisma.userNotificationSettings.createMany({
      data: items.map((item) => ({
        taskCreate: Boolean(item.taskCreate),
        taskUpdate: Boolean(item.taskUpdate),
        requestCreate: Boolean(item.requestCreate),
        userId
      })),
      skipDuplicates: true
    });

    res.status(201).json({ imported: result.count, skipped: items.length - result.count });
  } catch (error) {
    console.error('Error in importNotificationSettings:', error);
    res.status(500).json({ message: 'Import fehlgeschlagen' });
  }
};

export const deleteNotifications = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const ids: number[] = Array.isArray(req.body.ids) ? req.body.ids.map(Number) : [];
    if (ids.length === 0) {
      return res.status(400).json({ message: 'Keine IDs übergeben' });
    }

    const { count } = await prisma.notification.deleteMany({
      where: { id: { in: ids }, userId }
    });

    res.json({ deleted: count });
  } catch (error) {
    console.error('Error in deleteNotifications:', error);
    res.status(500).json({ message: 'Benachrichtigung konnte nicht gelöscht werden' });
  }
};

/**
 * POST /api/notifications
 * Erstellt eine Benachrichtigung (Admin / System)
 */
export const createNotification = async (req: Request, res: Response) => {
  try {
    const { userId, title, message, type, relatedEntityId, relatedEntityType } = req.body as NotificationPayload;

    if (!userId || !title || !message) {
      return res.status(400).json({ message: 'userId, title und message sind erforderlich' });
    }

    if (!Object.values(NotificationType).includes(type)) {
      return res.status(400).json({ message: `Unbekannter Typ: ${type}` });
    }

    const notification = await prisma.notification.create({
      data: {
        userId: Number(userId),
        title,
        message,
        type,
        relatedEntityId: relatedEntityId ?? null,
        relatedEntityType: relatedEntityType ?? null
      }
    });

    res.status(201).json(notification);
  } catch (error) {
    console.error('Error in createNotification:', error);
    res.status(500).json({ message: 'Benachrichtigung konnte nicht erstellt werden' });
  }
};

export const markAllAsRead = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const { count } = await prisma.notification.updateMany({
      where: { userId, read: false },
      data: { read: true }
    });
    res.json({ updated: count });
  } catch (error) {
    console.error('Error in markAllAsRead:', error);
    res.status(500).json({ message: 'Fehler beim Aktualisieren der Benachrichtigungen' });
  }
};

export const bulkUpdateNotificationSettings = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const { ids, taskCreate } = req.body as { ids: number[]; taskCreate: boolean };

    if (!Array.isArray(ids) || ids.length === 0) {
      return res.status(400).json({ message: 'Keine IDs übergeben' });
    }

    const result = await prisma.userNotificationSettings.updateMany({
      where: { id: { in: ids }, userId },
      data: { taskCreate }
    });

    res.json({ updated: result.count });
  } catch (error) {
    console.error('Error in bulkUpdateNotificationSettings:', error);
    res.status(500).json({ message: 'Benachrichtigungseinstellung konnte nicht aktualisiert werden' });
  }
};

/**
 * GET /api/notifications/export
 */
export const exportNotificationsCsv = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const rows = await prisma.notification.findMany({
      where: { userId },
      orderBy: { createdAt: 'asc' }
    });

    const header = ['id', 'title', 'message'].join(';');
    const lines = rows.map((row) => `${row.id};${row.title ?? ''};${row.message ?? ''}`);

    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="notifications-${Date.now()}.csv"`);
    res.send([header, ...lines].join('\n'));
  } catch (error) {
    console.error('Error in exportNotificationsCsv:', error);
    res.status(500).json({ message: 'Export fehlgeschlagen' });
  }
};

export const toggleNotificationRead = async (req: Request, res: Response) => {
  try {
    const id = parseInt(req.params.id, 10);
    const userId = Number(req.userId);
    const notification = await prisma.notification.findFirst({
      where: { id, userId },
      select: { id: true, read: true }
    });

    if (!notification) {
      return res.status(404).json({ message: 'Benachrichtigung nicht gefunden' });
    }

    const updated = await prisma.notification.update({
      where: { id },
      data: { read: !notification.read }
    });
    res.json(updated);
  } catch (error) {
    console.error('Error in toggleNotificationRead:', error);
    res.status(500).json({ message: 'Benachrichtigung konnte nicht aktualisiert werden' });
  }
};

/**
 * GET /api/notifications/paginated
 */
export const getNotificationsPaginated = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const page = Math.max(1, parseInt(String(req.query.page ?? '1'), 10));
    const limit = Math.min(100, parseInt(String(req.query.limit ?? '25'), 10));
    const where = { userId };

    const [notifications, total] = await Promise.all([
      prisma.notification.findMany({
        where,
        skip: (page - 1) * limit,
        take: limit,
        orderBy: { createdAt: 'desc' }
      }),
      prisma.notification.count({ where })
    ]);

    res.json({
      data: notifications,
      pagination: {
        page,
        limit,
        total,
        totalPages: Math.ceil(total / limit)
      }
    });
  } catch (error) {
    console.error('Error in getNotificationsPaginated:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Benachrichtigungen' });
  }
};

export const updateNotificationSetting = async (req: Request, res: Response) => {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Ungültige ID' });
    }

    const userId = Number(req.userId);
    const existing = await prisma.userNotificationSettings.findFirst({ where: { id, userId } });
    if (!existing) {
      return res.status(404).json({ message: 'Benachrichtigungseinstellung nicht gefunden' });
    }

    const { taskCreate, taskUpdate } = req.body;
    const updated = await prisma.userNotificationSettings.update({
      where: { id },
      data: {
        ...(taskCreate !== undefined && { taskCreate }),
        ...(taskUpdate !== undefined && { taskUpdate })
      }
    });

    res.json(updated);
  } catch (error) {
    console.error('Error in updateNotificationSetting:', error);
    res.status(500).json({ message: 'Benachrichtigungseinstellung konnte nicht aktualisiert werden' });
  }
};

/**
 * Erstellt eine Benachrichtigung, sofern der Benutzer diesen Typ nicht deaktiviert hat.
 * Wird von Task-, Request- und Worktime-Controllern aufgerufen.
 */
export async function createNotificationIfEnabled(payload: NotificationPayload) {
  const settingsField = SETTINGS_FIELD[payload.type];

  if (settingsField) {
    const settings = await prisma.userNotificationSettings.findUnique({
      where: { userId: payload.userId }
    });
    const enabled = settings ? (settings as unknown as Record<string, boolean>)[settingsField] !== false : true;
    if (!enabled) {
      return null;
    }
  }

  try {
    const notification = await prisma.notification.create({
      data: {
        userId: payload.userId,
        title: payload.title,
        message: payload.message,
        type: payload.type,
        relatedEntityId: payload.relatedEntityId ?? null,
        relatedEntityType: payload.relatedEntityType ?? null
      }
    });
    return notification;
  } catch (error) {
    console.error('[Notification] Benachrichtigung konnte nicht erstellt werden:', error);
    return null;
  }
}

/**
 * GET /api/notifications
 */
export const getAllNotifications = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const { type, search } = req.query;

    const where: Record<string, unknown> = {
      userId,
      ...(type ? { type: String(type) } : {}),
      ...(search ? { title: { contains: String(search), mode: 'insensitive' } } : {})
    };

    const notifications = await prisma.notification.findMany({
      where,
      select: {
        id: true,
        title: true,
        message: true,
        type: true,
        read: true,
        relatedEntityId: true
      },
      orderBy: { createdAt: 'desc' }
    });

    res.json(notifications);
  } catch (error) {
    console.error('Error in getAllNotifications:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Benachrichtigungen' });
  }
};

/**
 * Benachrichtigungseinstellung löschen
 * DELETE /api/notification-settings/:id
 */
export const deleteNotificationSetting = async (req: Request, res: Response) => {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Ungültige ID' });
    }

    await prisma.userNotificationSettings.delete({ where: { id } });
    res.status(204).send();
  } catch (error) {
    console.error('Error in deleteNotificationSetting:', error);
    res.status(500).json({ message: 'Benachrichtigungseinstellung konnte nicht gelöscht werden' });
  }
};

/**
 * GET /api/notifications/search
 */
export const searchNotifications = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const term = String(req.query.q ?? '').trim();
    if (term.length < 2) {
      return res.json([]);
    }

    const results = await prisma.notification.findMany({
      where: {
        userId,
        OR: [
          { title: { contains: term, mode: 'insensitive' } },
          { relatedEntityType: { contains: term, mode: 'insensitive' } }
        ]
      },
      select: { id: true, title: true, relatedEntityType: true },
      take: 10
    });

    res.json(results);
  } catch (error) {
    console.error('Error in searchNotifications:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Benachrichtigungen' });
  }
};

/**
 * PUT /api/notifications/:id
 */
export const updateNotification = async (req: Request, res: Response) => {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Ungültige ID' });
    }

    const userId = Number(req.userId);
    const existing = await prisma.notification.findFirst({ where: { id, userId } });
    if (!existing) {
      return res.status(404).json({ message: 'Benachrichtigung nicht gefunden' });
    }

    const { title, message } = req.body;
    const updated = await prisma.notification.update({
      where: { id },
      data: {
        ...(title !== undefined && { title }),
        ...(message !== undefined && { message })
      }
    });

    res.json(updated);
  } catch (error) {
    console.error('Error in updateNotification:', error);
    res.status(500).json({ message: 'Benachrichtigung konnte nicht aktualisiert werden' });
  }
};

export const getNotificationStats = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const grouped = await prisma.notification.groupBy({
      by: ['type'],
      where: { userId },
      _count: { _all: true }
    });

    const stats = grouped.reduce<Record<string, number>>((acc, row) => {
      acc[row.type] = row._count._all;
      return acc;
    }, {});

    res.json({ total: grouped.reduce((sum, row) => sum + row._count._all, 0), byStatus: stats });
  } catch (error) {
    console.error('Error in getNotificationStats:', error);
    res.status(500).json({ message: 'Fehler beim Berechnen der Statistik' });
  }
};

// PATCH /api/notification-settings/:id/task-create
export const toggleNotificationSettingTaskCreate = async (req: Request, res: Response) => {
  try {
    const id = parseInt(req.params.id, 10);
    const userId = Number(req.userId);
    const notificationSettings = await prisma.userNotificationSettings.findFirst({
      where: { id, userId },
      select: { id: true, taskCreate: true }
    });

    if (!notificationSettings) {
      return res.status(404).json({ message: 'Benachrichtigungseinstellung nicht gefunden' });
    }

    const updated = await prisma.userNotificationSettings.update({
      where: { id },
      data: { taskCreate: !notificationSettings.taskCreate }
    });
    res.json(updated);
  } catch (error) {
    console.error('Error in toggleNotificationSettingTaskCreate:', error);
    res.status(500).json({ message: 'Benachrichtigungseinstellung konnte nicht aktualisiert werden' });
  }
};

// PUT /api/notification-settings
export const saveNotificationSetting = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const { taskCreate, taskUpdate } = req.body;

    const notificationSettings = await prisma.userNotificationSettings.upsert({
      where: { userId },
      update: {
        ...(taskCreate !== undefined && { taskCreate }),
        ...(taskUpdate !== undefined && { taskUpdate })
      },
      create: {
        userId,
        taskCreate: Boolean(taskCreate),
        taskUpdate: Boolean(taskUpdate)
      }
    });

    res.json(notificationSettings);
  } catch (error) {
    console.error('Error in saveNotificationSetting:', error);
    res.status(500).json({ message: 'Benachrichtigungseinstellung konnte nicht gespeichert werden' });
  }
};

/**
 * GET /api/notification-settings
 */
export const getAllNotificationSettings = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);

    const where: Record<string, unknown> = {
      userId
    };

    const notificationSettingsList = await prisma.userNotificationSettings.findMany({
      where,
      select: {
        id: true,
        taskCreate: true,
        taskUpdate: true,
        requestCreate: true,
        requestStatusChange: true
      },
      orderBy: { createdAt: 'desc' }
    });

    res.json(notificationSettingsList);
  } catch (error) {
    console.error('Error in getAllNotificationSettings:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Benachrichtigungseinstellungen' });
  }
};

export const deleteNotificationSettings = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const ids: number[] = Array.isArray(req.body.ids) ? req.body.ids.map(Number) : [];
    if (ids.length === 0) {
      return res.status(400).json({ message: 'Keine IDs übergeben' });
    }

    const { count } = await prisma.userNotificationSettings.deleteMany({
      where: { id: { in: ids }, userId }
    });

    res.json({ deleted: count });
  } catch (error) {
    console.error('Error in deleteNotificationSettings:', error);
    res.status(500).json({ message: 'Benachrichtigungseinstellung konnte nicht gelöscht werden' });
  }
};

/**
 * Benachrichtigung löschen
 * DELETE /api/notifications/:id
 */
export const deleteNotification = async (req: Request, res: Response) => {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Ungültige ID' });
    }

    const userId = Number(req.userId);
    const existing = await prisma.notification.findFirst({ where: { id, userId } });
    if (!existing) {
      return res.status(404).json({ message: 'Benachrichtigung nicht gefunden' });
    }

    await prisma.notification.delete({ where: { id } });
    res.json({ message: 'Benachrichtigung wurde gelöscht' });
  } catch (error) {
    console.error('Error in deleteNotification:', error);
    res.status(500).json({ message: 'Benachrichtigung konnte nicht gelöscht werden' });
  }
};

export const getNotificationSettingsPaginated = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const page = Math.max(1, parseInt(String(req.query.page ?? '1'), 10));
    const limit = Math.min(100, parseInt(String(req.query.limit ?? '25'), 10));
    const where = { userId };

    const [notificationSettingsList, total] = await Promise.all([
      prisma.userNotificationSettings.findMany({
        where,
        skip: (page - 1) * limit,
        take: limit,
        orderBy: { createdAt: 'desc' }
      }),
      prisma.userNotificationSettings.count({ where })
    ]);

    res.json({
      data: notificationSettingsList,
      pagination: {
        page,
        limit,
        total,
        totalPages: Math.ceil(total / limit)
      }
    });
  } catch (error) {
    console.error('Error in getNotificationSettingsPaginated:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Benachrichtigungseinstellungen' });
  }
};

/**
 * POST /api/notifications/broadcast
 * Sendet eine System-Benachrichtigung an alle aktiven User der Organisation (optional pro Branch)
 */
export const broadcastNotification = async (req: Request, res: Response) => {
  try {
    const { title, message, branchId } = req.body;
    const organizationId = req.organizationId;

    if (!title || !message) {
      return res.status(400).json({ message: 'title und message sind erforderlich' });
    }

    const recipients = await prisma.user.findMany({
      where: {
        active: true,
        roles: { some: { role: { organizationId } } },
        ...(branchId ? { branches: { some: { branchId: Number(branchId) } } } : {})
      },
      select: { id: true }
    });

    const created: number[] = [];
    for (const recipient of recipients) {
      const notification = await prisma.notification.create({
        data: {
          userId: recipient.id,
          title,
          message,
          type: NotificationType.system
        }
      });
      created.push(notification.id);
    }

    res.status(201).json({ sent: created.length });
  } catch (error) {
    console.error('Error in broadcastNotification:', error);
    res.status(500).json({ message: 'Broadcast fehlgeschlagen' });
  }
};

// GET /api/notification-settings/export
export const exportNotificationSettingsCsv = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const rows = await prisma.userNotificationSettings.findMany({
      where: { userId },
      orderBy: { createdAt: 'asc' }
    });

    const header = ['id', 'taskCreate', 'taskUpdate', 'requestCreate', 'requestStatusChange', 'workTimeStart'].join(';');
    const lines = rows.map((row) => `${row.id};${row.taskCreate ?? ''};${row.taskUpdate ?? ''};${row.requestCreate ?? ''};${row.requestStatusChange ?? ''};${row.workTimeStart ?? ''}`);

    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="notification-settings-${Date.now()}.csv"`);
    res.send([header, ...lines].join('\n'));
  } catch (error) {
    console.error('Error in exportNotificationSettingsCsv:', error);
    res.status(500).json({ message: 'Export fehlgeschlagen' });
  }
};

/**
 * GET /api/notification-settings/count
 */
export const countNotificationSettings = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const total = await prisma.userNotificationSettings.count({
      where: { userId }
    });
    res.json({ total });
  } catch (error) {
    console.error('Error in countNotificationSettings:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Benachrichtigungseinstellungen' });
  }
};

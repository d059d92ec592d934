import { prisma } from '../utils/prisma';
import { Request, Response } from 'express';

/**
 * Anzahl der Zeiteinträge
 * GET /api/work-times/count
 */
export const countWorkTimes = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const total = await prisma.workTime.count({
      where: { userId }
    });
    res.json({ total });
  } catch (error) {
    console.error('Error in countWorkTimes:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Zeiteinträge' });
  }
};

export const exportWorkTimesCsv = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const rows = await prisma.workTime.findMany({
      where: { userId },
      orderBy: { startTime: 'asc' }
    });

    const header = ['id', 'startTime', 'endTime', 'timezone', 'branchId', 'comment'].join(';');
    const lines = rows.map((row) => `${row.id};${row.startTime ?? ''};${row.endTime ?? ''};${row.timezone ?? ''};${row.branchId ?? ''};${row.comment ?? ''}`);

    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="work-times-${Date.now()}.csv"`);
    res.send([header, ...lines].join('\n'));
  } catch (error) {
    console.error('Error in exportWorkTimesCsv:', error);
    res.status(500).json({ message: 'Export fehlgeschlagen' });
  }
};

/**
 * Löscht mehrere Zeiteinträge
 * POST /api/work-times/bulk-delete
 */
export const deleteWorkTimes = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const ids: number[] = Array.isArray(req.body.ids) ? req.body.ids.map(Number) : [];
    if (ids.length === 0) {
      return res.status(400).json({ message: 'Keine IDs übergeben' });
    }

    const { count } = await prisma.workTime.deleteMany({
      where: { id: { in: ids }, userId }
    });

    res.json({ deleted: count });
  } catch (error) {
    console.error('Error in deleteWorkTimes:', error);
    res.status(500).json({ message: 'Zeiteintrag konnte nicht gelöscht werden' });
  }
};

/**
 * POST /api/users/import
 */
export const importUsers = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { items } = req.body as { items?: Array<Record<string, unknown>> };

    if (!Array.isArray(items) || items.length === 0) {
      return res.status(400).json({ message: 'Keine Daten übergeben' });
    }

    const result = await prisma.user.createMany({
      data: items.map((item) => ({
        username: String(item.username ?? ''),
        email: String(item.email ?? ''),
        firstName: String(item.firstName ?? ''),
        lastName: String(item.lastName ?? ''),
        active: Boolean(item.active),
        birthday: item.birthday ? new Date(String(item.birthday)) : null
      })),
      skipDuplicates: true
    });

    res.status(201).json({ imported: result.count, skipped: items.length - result.count });
  } catch (error) {
    console.error('Error in importUsers:', error);
    res.status(500).json({ message: 'Import fehlgeschlagen' });
  }
};

/**
 * Importiert Zeiteinträge (Bulk)
 * POST /api/work-times/import
 */
export const importWorkTimes = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const { items } = req.body as { items?: Array<Record<string, unknown>> };

    if (!Array.isArray(items) || items.length === 0) {
      return res.status(400).json({ message: 'Keine Daten übergeben' });
    }

    const result = await prisma.workTime.createMany({
      data: items.map((item) => ({
        startTime: item.startTime ? new Date(String(item.startTime)) : null,
        endTime: item.endTime ? new Date(String(item.endTime)) : null,
        timezone: String(item.timezone ?? ''),
        branchId: Number(item.branchId ?? 0),
        userId
      })),
      skipDuplicates: true
    });

    res.status(201).json({ imported: result.count, skipped: items.length - result.count });
  } catch (error) {
    console.error('Error in importWorkTimes:', error);
    res.status(500).json({ message: 'Import fehlgeschlagen' });
  }
};

// GET /api/users/count
export const countUsers = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const total = await prisma.user.count({
      where: { roles: { some: { role: { organizationId } } }, active: true }
    });
    res.json({ total });
  } catch (error) {
    console.error('Error in countUsers:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Benutzer' });
  }
};

import { Request, Response } from 'express';
import { prisma, executeWithRetry } from '../utils/prisma';
import { worktimeCache } from '../services/worktimeCache';

/**
 * Paginierte Liste der Zeiteinträge
 * GET /api/work-times/paginated
 */
export async function getWorkTimesPaginated(req: Request, res: Response): Promise<void> {
  try {
    const userId = Number(req.userId);
    const page = Math.max(1, parseInt(String(req.query.page ?? '1'), 10));
    const limit = Math.min(100, parseInt(String(req.query.limit ?? '25'), 10));
    const where = { userId };

    const [workTimes, total] = await Promise.all([
      prisma.workTime.findMany({
        where,
        skip: (page - 1) * limit,
        take: limit,
        orderBy: { startTime: 'desc' }
      }),
      prisma.workTime.count({ where })
    ]);

    res.json({
      data: workTimes,
      pagination: {
        page,
        limit,
        total,
        totalPages: Math.ceil(total / limit)
      }
    });
  } catch (error) {
    console.error('Error in getWorkTimesPaginated:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Zeiteinträge' });
  }
}

// GET /api/worktime/active - kommt aus dem WorktimeCache
export const getActiveWorktime = async (req: Request, res: Response) => {
  try {
    const active = await worktimeCache.getActive(Number(req.userId));
    res.json({ active: !!active, workTime: active });
  } catch (error) {
    console.error('Error in getActiveWorktime:', error);
    res.status(500).json({ message: 'Fehler beim Laden der aktiven Zeiterfassung' });
  }
};

export async function deleteWorkTimes(req: Request, res: Response): Promise<void> {
  try {
    const userId = Number(req.userId);
    const ids: number[] = Array.isArray(req.body.ids) ? req.body.ids.map(Number) : [];
    if (ids.length === 0) {
      res.status(400).json({ message: 'Keine IDs übergeben' });
      return;
    }

    const { count } = await prisma.workTime.deleteMany({
      where: { id: { in: ids }, userId }
    });

    res.json({ deleted: count });
  } catch (error) {
    console.error('Error in deleteWorkTimes:', error);
    res.status(500).json({ message: 'Zeiteintrag konnte nicht gelöscht werden' });
  }
}

export async function getAllWorkTimes(req: Request, res: Response): Promise<void> {
  try {
    const userId = Number(req.userId);
    const { search } = req.query;

    const where: Record<string, unknown> = {
      userId,
      ...(search ? { timezone: { contains: String(search), mode: 'insensitive' } } : {})
    };

    const workTimes = await prisma.workTime.findMany({
      where,
      orderBy: { startTime: 'desc' }
    });

    res.json(workTimes);
  } catch (error) {
    console.error('Error in getAllWorkTimes:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Zeiteinträge' });
  }
}

/**
 * Zeiteintrag anlegen
 * POST /api/work-times
 */
export async function createWorkTime(req: Request, res: Response): Promise<void> {
  try {
    const userId = Number(req.userId);
    const { startTime, endTime, timezone, branchId } = req.body;

    if (!startTime) {
      res.status(400).json({ message: 'Pflichtfeld fehlt: startTime' });
      return;
    }

    const workTime = await prisma.workTime.create({
      data: {
        startTime: startTime ? new Date(startTime) : null,
        endTime: endTime ? new Date(endTime) : null,
        timezone,
        branchId: Number(branchId),
        userId
      }
    });

    res.status(201).json(workTime);
  } catch (error) {
    console.error('Error in createWorkTime:', error);
    res.status(500).json({ message: 'Zeiteintrag konnte nicht erstellt werden' });
  }
}

/**
 * POST /api/worktime/start
 * Startet die Zeiterfassung für den eingeloggten User
 */
export const startWorktime = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const { branchId, timezone } = req.body;

    const active = await prisma.workTime.findFirst({
      where: { userId, endTime: null }
    });

    if (active) {
      return res.status(409).json({ message: 'Es läuft bereits eine Zeiterfassung' });
    }

    const workTime = await executeWithRetry(() =>
      prisma.workTime.create({
        data: {
          userId,
          branchId: Number(branchId),
          startTime: new Date(),
          timezone: timezone || 'Europe/Berlin'
        },
        include: { branch: true }
      })
    );

    worktimeCache.invalidate(userId);
    res.status(201).json(workTime);
  } catch (error) {
    console.error('Error in startWorktime:', error);
    res.status(500).json({ message: 'Zeiterfassung konnte nicht gestartet werden' });
  }
};

/**
 * GET /api/work-times/count
 */
export async function countWorkTimes(req: Request, res: Response): Promise<void> {
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
}

/**
 * POST /api/worktime/stop
 * Beendet die laufende Zeiterfassung
 */
export const stopWorktime = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);

    const active = await prisma.workTime.findFirst({
      where: { userId, endTime: null },
      orderBy: { startTime: 'desc' }
    });

    if (!active) {
      return res.status(404).json({ message: 'Keine aktive Zeiterfassung gefunden' });
    }

    const endTime = req.body.endTime ? new Date(req.body.endTime) : new Date();
    if (endTime < active.startTime) {
      return res.status(400).json({ message: 'Endzeit liegt vor der Startzeit' });
    }

    const workTime = await executeWithRetry(() =>
      prisma.workTime.update({
        where: { id: active.id },
        data: {
          endTime,
          comment: req.body.comment ?? active.comment
        }
      })
    );

    worktimeCache.invalidate(userId);
    res.json({
      ...workTime,
      durationMinutes: Math.round((endTime.getTime() - active.startTime.getTime()) / 60000)
    });
  } catch (error) {
    console.error('Error in stopWorktime:', error);
    res.status(500).json({ message: 'Zeiterfassung konnte nicht beendet werden' });
  }
};

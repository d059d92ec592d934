import { prisma } from '../utils/prisma';
import { Request, Response } from 'express';

/**
 * GET /api/dashboard
 * Alle Kacheln der Startseite in einem Request
 */
export const getDashboardOverview = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const userId = Number(req.userId);

    const [openTasks, latestRequests, runningWorktimes] = await Promise.all([
      prisma.task.count({ where: { organizationId, status: { not: 'done' } } }),
      prisma.request.findMany({
        where: { organizationId },
        orderBy: { createdAt: 'desc' },
        take: 5,
        select: { id: true, title: true, status: true, createdAt: true }
      }),
      prisma.workTime.count({
        where: { endTime: null, user: { roles: { some: { role: { organizationId } } } } }
      })
    ]);

    const overdue = await prisma.$queryRaw<{ count: bigint }[]>`SELECT COUNT(*) AS count FROM "Task" WHERE "organizationId" = ${organizationId} AND "dueDate" < NOW() AND "status" <> 'done'`;

    const myOpenTasks = await prisma.task.count({
      where: { responsibleId: userId, status: { not: 'done' } }
    });

    res.json({
      openTasks,
      myOpenTasks,
      latestRequests,
      runningWorktimes,
      overdueTasks: Number(overdue[0]?.count ?? 0)
    });
  } catch (error) {
    console.error('Error in getDashboardOverview:', error);
    res.status(500).json({ message: 'Dashboard konnte nicht geladen werden' });
  }
};

// GET /api/tasks/count
export const countTasks = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const total = await prisma.task.count({
      where: { organizationId }
    });
    res.json({ total });
  } catch (error) {
    console.error('Error in countTasks:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Aufgaben' });
  }
};

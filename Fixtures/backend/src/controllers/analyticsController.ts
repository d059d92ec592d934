import { Request, Response } from 'express';
import { Prisma } from '@prisma/client';
import { prisma } from '../utils/prisma';

/**
 * GET /api/analytics/requests-per-day?days=30&branchId=2
 * Rohes SQL, weil Prisma kein GROUP BY auf date_trunc kann
 */
export const getRequestsPerDay = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const days = Math.min(Number(req.query.days) || 30, 365);
    const branchId = req.query.branchId ? Number(req.query.branchId) : null;
    const since = new Date(Date.now() - days * 24 * 60 * 60 * 1000);

    const branchFilter = branchId ? Prisma.sql`AND r."branchId" = ${branchId}` : Prisma.empty;

    const rows = await prisma.$queryRaw`
      SELECT date_trunc('day', r."createdAt") AS day, COUNT(*)::int AS count
      FROM "Request" r
      WHERE r."organizationId" = ${organizationId}
        AND r."createdAt" >= ${since}
        ${branchFilter}
      GROUP BY 1
      ORDER BY 1 ASC
    `;

    res.json(rows);
  } catch (error) {
    console.error('Error in getRequestsPerDay:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Auswertung' });
  }
};

export const getRequestStats = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const grouped = await prisma.request.groupBy({
      by: ['status'],
      where: { organizationId },
      _count: { _all: true }
    });

    const stats = grouped.reduce<Record<string, number>>((acc, row) => {
      acc[row.status] = row._count._all;
      return acc;
    }, {});

    res.json({ total: grouped.reduce((sum, row) => sum + row._count._all, 0), byStatus: stats });
  } catch (error) {
    console.error('Error in getRequestStats:', error);
    res.status(500).json({ message: 'Fehler beim Berechnen der Statistik' });
  }
};

export const countRequests = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const total = await prisma.request.count({
      where: { organizationId, createTodo: true }
    });
    res.json({ total });
  } catch (error) {
    console.error('Error in countRequests:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Anfragen' });
  }
};

export const getTaskThroughput = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const since = new Date(Date.now() - 7 * 24 * 60 * 60 * 1000);

    const [created, completed, byResponsible] = await Promise.all([
      prisma.task.count({ where: { organizationId, createdAt: { gte: since } } }),
      prisma.task.count({ where: { organizationId, completedAt: { gte: since } } }),
      prisma.task.groupBy({
        by: ['responsibleId'],
        where: { organizationId, status: { not: 'done' } },
        _count: { _all: true },
        orderBy: { _count: { responsibleId: 'desc' } },
        take: 10
      })
    ]);

    res.json({ created, completed, openByResponsible: byResponsible });
  } catch (error) {
    console.error('Error in getTaskThroughput:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Auswertung' });
  }
};

import { prisma } from '../utils/prisma';
import { Request, Response } from 'express';

export const getMonthlyReportStats = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const grouped = await prisma.monthlyReport.groupBy({
      by: ['status'],
      where: { userId },
      _count: { _all: true }
    });

    const stats = grouped.reduce<Record<string, number>>((acc, row) => {
      acc[row.status] = row._count._all;
      return acc;
    }, {});

    res.json({ total: grouped.reduce((sum, row) => sum + row._count._all, 0), byStatus: stats });
  } catch (error) {
    console.error('Error in getMonthlyReportStats:', error);
    res.status(500).json({ message: 'Fehler beim Berechnen der Statistik' });
  }
};

/**
 * GET /api/monthly-reports/paginated
 */
export const getMonthlyReportsPaginated = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const page = Math.max(1, parseInt(String(req.query.page ?? '1'), 10));
    const limit = Math.min(100, parseInt(String(req.query.limit ?? '25'), 10));
    const where = { userId };

    const [reports, total] = await Promise.all([
      prisma.monthlyReport.findMany({
        where,
        skip: (page - 1) * limit,
        take: limit,
        orderBy: { periodStart: 'asc' }
      }),
      prisma.monthlyReport.count({ where })
    ]);

    res.json({
      data: reports,
      pagination: {
        page,
        limit,
        total,
        totalPages: Math.ceil(total / limit)
      }
    });
  } catch (error) {
    console.error('Error in getMonthlyReportsPaginated:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Monatsberichte' });
  }
};

/**
 * Monatsbericht aktualisieren
 * PUT /api/monthly-reports/:id
 */
export const updateMonthlyReport = async (req: Request, res: Response) => {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Ungültige ID' });
    }

    const userId = Number(req.userId);
    const existing = await prisma.monthlyReport.findFirst({ where: { id, userId } });
    if (!existing) {
      return res.status(404).json({ message: 'Monatsbericht nicht gefunden' });
    }

    const { reportNumber, periodStart, periodEnd, totalHours, status } = req.body;
    const updated = await prisma.monthlyReport.update({
      where: { id },
      data: {
        ...(reportNumber !== undefined && { reportNumber }),
        ...(periodStart !== undefined && { periodStart: periodStart ? new Date(periodStart) : null }),
        ...(periodEnd !== undefined && { periodEnd: periodEnd ? new Date(periodEnd) : null }),
        ...(totalHours !== undefined && { totalHours: Number(totalHours) }),
        ...(status !== undefined && { status })
      }
    });

    res.json(updated);
  } catch (error) {
    console.error('Error in updateMonthlyReport:', error);
    res.status(500).json({ message: 'Monatsbericht konnte nicht aktualisiert werden' });
  }
};

export const searchMonthlyReports = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const term = String(req.query.q ?? '').trim();
    if (term.length < 2) {
      return res.json([]);
    }

    const results = await prisma.monthlyReport.findMany({
      where: {
        userId,
        OR: [
          { reportNumber: { contains: term, mode: 'insensitive' } },
          { recipient: { contains: term, mode: 'insensitive' } }
        ]
      },
      select: { id: true, reportNumber: true, recipient: true },
      take: 10
    });

    res.json(results);
  } catch (error) {
    console.error('Error in searchMonthlyReports:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Monatsberichte' });
  }
};

/**
 * GET /api/monthly-reports/summary
 */
export const getMonthlyReportSummary = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const { from, to } = req.query;

    const summary = await prisma.monthlyReport.aggregate({
      where: {
        userId,
        ...(from || to
          ? {
              createdAt: {
                ...(from ? { gte: new Date(String(from)) } : {}),
                ...(to ? { lte: new Date(String(to)) } : {})
              }
            }
          : {})
      },
      _sum: { totalHours: true },
      _avg: { totalHours: true },
      _count: { _all: true },
      _min: { totalHours: true },
      _max: { totalHours: true }
    });

    res.json({
      total: summary._sum.totalHours ?? 0,
      average: summary._avg.totalHours ?? 0,
      count: summary._count._all,
      min: summary._min.totalHours,
      max: summary._max.totalHours
    });
  } catch (error) {
    console.error('Error in getMonthlyReportSummary:', error);
    res.status(500).json({ message: 'Fehler beim Berechnen der Statistik' });
  }
};

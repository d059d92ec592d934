import { Request, Response } from 'express';
import { prisma } from '../utils/prisma';

// POST /api/onboarding-statuses/import
export const importOnboardingStatuses = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const { items } = req.body as { items?: Array<Record<string, unknown>> };

    if (!Array.isArray(items) || items.length === 0) {
      return res.status(400).json({ message: 'No data provided' });
    }

    const result = await prisma.onboardingStatus.createMany({
      data: items.map((item) => ({
        currentStep: Number(item.currentStep ?? 0),
        completedSteps: item.completedSteps ?? [],
        dismissed: Boolean(item.dismissed),
        userId
      })),
      skipDuplicates: true
    });

    res.status(201).json({ imported: result.count, skipped: items.length - result.count });
  } catch (error) {
    console.error('Error in importOnboardingStatuses:', error);
    res.status(500).json({ message: 'Import failed' });
  }
};

/**
 * CSV export of onboarding states
 * GET /api/onboarding-statuses/export
 */
export const exportOnboardingStatusesCsv = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const rows = await prisma.onboardingStatus.findMany({
      where: { userId },
      orderBy: { createdAt: 'asc' }
    });

    const header = ['id', 'currentStep', 'dismissed'].join(';');
    const lines = rows.map((row) => `${row.id};${row.currentStep ?? ''};${row.dismissed ?? ''}`);

    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="onboarding-statuses-${Date.now()}.csv"`);
    res.send([header, ...lines].join('\n'));
  } catch (error) {
    console.error('Error in exportOnboardingStatusesCsv:', error);
    res.status(500).json({ message: 'Export failed' });
  }
};

// GET /api/onboarding-statuses/paginated
export const getOnboardingStatusesPaginated = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const page = Math.max(1, parseInt(String(req.query.page ?? '1'), 10));
    const limit = Math.min(100, parseInt(String(req.query.limit ?? '25'), 10));
    const where = { userId };

    const [onboardingList, total] = await Promise.all([
      prisma.onboardingStatus.findMany({
        where,
        skip: (page - 1) * limit,
        take: limit,
        orderBy: { createdAt: 'desc' }
      }),
      prisma.onboardingStatus.count({ where })
    ]);

    res.json({
      data: onboardingList,
      pagination: {
        page,
        limit,
        total,
        totalPages: Math.ceil(total / limit)
      }
    });
  } catch (error) {
    console.error('Error in getOnboardingStatusesPaginated:', error);
    res.status(500).json({ message: 'Error loading onboarding states' });
  }
};

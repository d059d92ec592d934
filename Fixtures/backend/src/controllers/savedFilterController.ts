import { Request, Response } from 'express';
import { prisma } from '../utils/prisma';

// PUT /api/filter-groups/:id
export async function updateFilterGroup(req: Request, res: Response): Promise<void> {
  try {
    const id = Number(req.params.id);
    if (isNaN(id)) {
      res.status(400).json({ message: 'Invalid ID' });
      return;
    }

    const userId = Number(req.userId);
    const existing = await prisma.filterGroup.findFirst({ where: { id, userId } });
    if (!existing) {
      res.status(404).json({ message: 'Filter group not found' });
      return;
    }

    const { tableId, name } = req.body;
    const updated = await prisma.filterGroup.update({
      where: { id },
      data: {
        ...(tableId !== undefined && { tableId }),
        ...(name !== undefined && { name })
      }
    });

    res.json(updated);
  } catch (error) {
    console.error('Error in updateFilterGroup:', error);
    res.status(500).json({ message: 'Could not update filter group' });
  }
}

/**
 * GET /api/filter-groups/export
 */
export async function exportFilterGroupsCsv(req: Request, res: Response): Promise<void> {
  try {
    const userId = Number(req.userId);
    const rows = await prisma.filterGroup.findMany({
      where: { userId },
      orderBy: { order: 'asc' }
    });

    const header = ['id', 'tableId', 'name'].join(';');
    const lines = rows.map((row) => `${row.id};${row.tableId ?? ''};${row.name ?? ''}`);

    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="filter-groups-${Date.now()}.csv"`);
    res.send([header, ...lines].join('\n'));
  } catch (error) {
    console.error('Error in exportFilterGroupsCsv:', error);
    res.status(500).json({ message: 'Export failed' });
  }
}

// GET /api/filter-groups/search
export async function searchFilterGroups(req: Request, res: Response): Promise<void> {
  try {
    const userId = Number(req.userId);
    const term = String(req.query.q ?? '').trim();
    if (term.length < 2) {
      res.json([]);
      return;
    }

    const results = await prisma.filterGroup.findMany({
      where: {
        userId,
        OR: [
          { tableId: { contains: term, mode: 'insensitive' } },
          { name: { contains: term, mode: 'insensitive' } }
        ]
      },
      select: { id: true, tableId: true, name: true },
      take: 10
    });

    res.json(results);
  } catch (error) {
    console.error('Error in searchFilterGroups:', error);
    res.status(500).json({ message: 'Error loading filter groups' });
  }
}

// POST /api/filter-groups/bulk-delete
export async function deleteFilterGroups(req: Request, res: Response): Promise<void> {
  try {
    const userId = Number(req.userId);
    const ids: number[] = Array.isArray(req.body.ids) ? req.body.ids.map(Number) : [];
    if (ids.length === 0) {
      res.status(400).json({ message: 'No IDs provided' });
      return;
    }

    const { count } = await prisma.filterGroup.deleteMany({
      where: { id: { in: ids }, userId }
    });

    res.json({ deleted: count });
  } catch (error) {
    console.error('Error in deleteFilterGroups:', error);
    res.status(500).json({ message: 'Could not delete filter group' });
  }
}

export async function getFilterGroupSummary(req: Request, res: Response): Promise<void> {
  try {
    const userId = Number(req.userId);
    const { from, to } = req.query;

    const summary = await prisma.filterGroup.aggregate({
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
      _sum: { order: true },
      _avg: { order: true },
      _count: { _all: true }
    });

    res.json({
      total: summary._sum.order ?? 0,
      average: summary._avg.order ?? 0,
      count: summary._count._all
    });
  } catch (error) {
    console.error('Error in getFilterGroupSummary:', error);
    res.status(500).json({ message: 'Error calculating statistics' });
  }
}

export async function getSavedFiltersPaginated(req: Request, res: Response): Promise<void> {
  try {
    const userId = Number(req.userId);
    const page = Math.max(1, parseInt(String(req.query.page ?? '1'), 10));
    const limit = Math.min(100, parseInt(String(req.query.limit ?? '25'), 10));
    const where = { userId };

    const [savedFilters, total] = await Promise.all([
      prisma.savedFilter.findMany({
        where,
        skip: (page - 1) * limit,
        take: limit,
        orderBy: { name: 'asc' }
      }),
      prisma.savedFilter.count({ where })
    ]);

    res.json({
      data: savedFilters,
      pagination: {
        page,
        limit,
        total,
        totalPages: Math.ceil(total / limit)
      }
    });
  } catch (error) {
    console.error('Error in getSavedFiltersPaginated:', error);
    res.status(500).json({ message: 'Error loading filters' });
  }
}

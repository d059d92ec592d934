import { prisma } from '../utils/prisma';
import { Request, Response } from 'express';

// GET /api/tours/count
export async function countTours(req: Request, res: Response): Promise<void> {
  try {
    const organizationId = req.organizationId;
    const total = await prisma.tour.count({
      where: { organizationId, isActive: true }
    });
    res.json({ total });
  } catch (error) {
    console.error('Error in countTours:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Touren' });
  }
}

// GET /api/tours/paginated
export async function getToursPaginated(req: Request, res: Response): Promise<void> {
  try {
    const organizationId = req.organizationId;
    const page = Math.max(1, parseInt(String(req.query.page ?? '1'), 10));
    const limit = Math.min(100, parseInt(String(req.query.limit ?? '25'), 10));
    const where = { organizationId };

    const [tours, total] = await Promise.all([
      prisma.tour.findMany({
        where,
        skip: (page - 1) * limit,
        take: limit,
        orderBy: { title: 'asc' }
      }),
      prisma.tour.count({ where })
    ]);

    res.json({
      data: tours,
      pagination: {
        page,
        limit,
        total,
        totalPages: Math.ceil(total / limit)
      }
    });
  } catch (error) {
    console.error('Error in getToursPaginated:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Touren' });
  }
}

/**
 * DELETE /api/tours/:id
 */
export async function deleteTour(req: Request, res: Response): Promise<void> {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      res.status(400).json({ message: 'Ungültige ID' });
      return;
    }

    const organizationId = req.organizationId;
    const existing = await prisma.tour.findFirst({ where: { id, organizationId } });
    if (!existing) {
      res.status(404).json({ message: 'Tour nicht gefunden' });
      return;
    }

    await prisma.tour.delete({ where: { id } });
    res.json({ message: 'Tour wurde gelöscht' });
  } catch (error) {
    console.error('Error in deleteTour:', error);
    res.status(500).json({ message: 'Tour konnte nicht gelöscht werden' });
  }
}

/**
 * Tour per ID laden
 * GET /api/tours/:id
 */
export async function getTourById(req: Request, res: Response): Promise<void> {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      res.status(400).json({ message: 'Ungültige ID' });
      return;
    }

    const organizationId = req.organizationId;
    const tour = await prisma.tour.findFirst({
      where: { id, organizationId },
      include: {
        bookings: { select: { id: true, status: true } }
      }
    });

    if (!tour) {
      res.status(404).json({ message: 'Tour nicht gefunden' });
      return;
    }

    res.json(tour);
  } catch (error) {
    console.error('Error in getTourById:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Touren' });
  }
}

export async function bulkUpdateTours(req: Request, res: Response): Promise<void> {
  try {
    const organizationId = req.organizationId;
    const { ids, isActive } = req.body as { ids: number[]; isActive: boolean };

    if (!Array.isArray(ids) || ids.length === 0) {
      res.status(400).json({ message: 'Keine IDs übergeben' });
      return;
    }

    const result = await prisma.tour.updateMany({
      where: { id: { in: ids }, organizationId },
      data: { isActive }
    });

    res.json({ updated: result.count });
  } catch (error) {
    console.error('Error in bulkUpdateTours:', error);
    res.status(500).json({ message: 'Tour konnte nicht aktualisiert werden' });
  }
}

export async function updateTour(req: Request, res: Response): Promise<void> {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      res.status(400).json({ message: 'Ungültige ID' });
      return;
    }

    const organizationId = req.organizationId;
    const existing = await prisma.tour.findFirst({ where: { id, organizationId } });
    if (!existing) {
      res.status(404).json({ message: 'Tour nicht gefunden' });
      return;
    }

    const { title, description, price } = req.body;
    const updated = await prisma.tour.update({
      where: { id },
      data: {
        ...(title !== undefined && { title }),
        ...(description !== undefined && { description }),
        ...(price !== undefined && { price: Number(price) })
      }
    });

    res.json(updated);
  } catch (error) {
    console.error('Error in updateTour:', error);
    res.status(500).json({ message: 'Tour konnte nicht aktualisiert werden' });
  }
}

/**
 * GET /api/tours/summary
 */
export async function getTourSummary(req: Request, res: Response): Promise<void> {
  try {
    const organizationId = req.organizationId;
    const { from, to } = req.query;

    const summary = await prisma.tour.aggregate({
      where: {
        organizationId,
        ...(from || to
          ? {
              createdAt: {
                ...(from ? { gte: new Date(String(from)) } : {}),
                ...(to ? { lte: new Date(String(to)) } : {})
              }
            }
          : {})
      },
      _sum: { price: true },
      _avg: { price: true },
      _count: { _all: true },
      _min: { price: true },
      _max: { price: true }
    });

    res.json({
      total: summary._sum.price ?? 0,
      average: summary._avg.price ?? 0,
      count: summary._count._all,
      min: summary._min.price,
      max: summary._max.price
    });
  } catch (error) {
    console.error('Error in getTourSummary:', error);
    res.status(500).json({ message: 'Fehler beim Berechnen der Statistik' });
  }
}

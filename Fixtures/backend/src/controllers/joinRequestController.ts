import { Request, Response } from 'express';
import { prisma } from '../utils/prisma';

export async function createJoinRequest(req: Request, res: Response): Promise<void> {
  try {
    const organizationId = req.organizationId;
    const { message, status } = req.body;

    if (!message) {
      res.status(400).json({ message: 'Missing required field: message' });
      return;
    }

    const joinRequest = await prisma.joinRequest.create({
      data: {
        message: message ?? '',
        status,
        organizationId
      }
    });

    res.status(201).json(joinRequest);
  } catch (error) {
    console.error('Error in createJoinRequest:', error);
    res.status(500).json({ message: 'Could not create join request' });
  }
}

/**
 * PUT /api/join-requests/:id
 */
export async function updateJoinRequest(req: Request, res: Response): Promise<void> {
  try {
    const id = Number(req.params.id);
    if (isNaN(id)) {
      res.status(400).json({ message: 'Invalid ID' });
      return;
    }

    const organizationId = req.organizationId;
    const existing = await prisma.joinRequest.findFirst({ where: { id, organizationId } });
    if (!existing) {
      res.status(404).json({ message: 'Join request not found' });
      return;
    }

    const { message, status } = req.body;
    const updated = await prisma.joinRequest.update({
      where: { id },
      data: {
        ...(message !== undefined && { message }),
        ...(status !== undefined && { status })
      }
    });

    res.json(updated);
  } catch (error) {
    console.error('Error in updateJoinRequest:', error);
    res.status(500).json({ message: 'Could not update join request' });
  }
}

/**
 * GET /api/join-requests
 */
export async function getAllJoinRequests(req: Request, res: Response): Promise<void> {
  try {
    const organizationId = req.organizationId;
    const { status } = req.query;

    const where: Record<string, unknown> = {
      organizationId,
      ...(status ? { status: String(status) } : {})
    };

    const joinRequests = await prisma.joinRequest.findMany({
      where,
      select: {
        id: true,
        message: true,
        status: true
      },
      orderBy: { createdAt: 'desc' }
    });

    res.json(joinRequests);
  } catch (error) {
    console.error('Error in getAllJoinRequests:', error);
    res.status(500).json({ message: 'Error loading join requests' });
  }
}

/**
 * GET /api/join-requests/paginated
 */
export async function getJoinRequestsPaginated(req: Request, res: Response): Promise<void> {
  try {
    const organizationId = req.organizationId;
    const page = Math.max(1, parseInt(String(req.query.page ?? '1'), 10));
    const limit = Math.min(100, parseInt(String(req.query.limit ?? '25'), 10));
    const where = { organizationId };

    const [joinRequests, total] = await Promise.all([
      prisma.joinRequest.findMany({
        where,
        skip: (page - 1) * limit,
        take: limit,
        orderBy: { createdAt: 'desc' }
      }),
      prisma.joinRequest.count({ where })
    ]);

    res.json({
      data: joinRequests,
      pagination: {
        page,
        limit,
        total,
        totalPages: Math.ceil(total / limit)
      }
    });
  } catch (error) {
    console.error('Error in getJoinRequestsPaginated:', error);
    res.status(500).json({ message: 'Error loading join requests' });
  }
}

// GET /api/join-requests/stats
export async function getJoinRequestStats(req: Request, res: Response): Promise<void> {
  try {
    const organizationId = req.organizationId;
    const grouped = await prisma.joinRequest.groupBy({
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
    console.error('Error in getJoinRequestStats:', error);
    res.status(500).json({ message: 'Error calculating statistics' });
  }
}

import { Request, Response } from 'express';
import { prisma } from '../utils/prisma';

// GET /api/clients/count
export const countClients = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const total = await prisma.client.count({
      where: { organizationId }
    });
    res.json({ total });
  } catch (error) {
    console.error('Error in countClients:', error);
    res.status(500).json({ message: 'Error loading clients' });
  }
};

export const deleteConsultations = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const ids: number[] = Array.isArray(req.body.ids) ? req.body.ids.map(Number) : [];
    if (ids.length === 0) {
      return res.status(400).json({ message: 'No IDs provided' });
    }

    const { count } = await prisma.consultation.deleteMany({
      where: { id: { in: ids }, userId }
    });

    res.json({ deleted: count });
  } catch (error) {
    console.error('Error in deleteConsultations:', error);
    res.status(500).json({ message: 'Could not delete consultation' });
  }
};

/**
 * GET /api/clients/export
 */
export const exportClientsCsv = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const rows = await prisma.client.findMany({
      where: { organizationId },
      orderBy: { name: 'asc' }
    });

    const header = ['id', 'name', 'company', 'email'].join(';');
    const lines = rows.map((row) => `${row.id};${row.name ?? ''};${row.company ?? ''};${row.email ?? ''}`);

    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="clients-${Date.now()}.csv"`);
    res.send([header, ...lines].join('\n'));
  } catch (error) {
    console.error('Error in exportClientsCsv:', error);
    res.status(500).json({ message: 'Export failed' });
  }
};

/**
 * PUT /api/consultations/:id
 */
export const updateConsultation = async (req: Request, res: Response) => {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Invalid ID' });
    }

    const userId = Number(req.userId);
    const existing = await prisma.consultation.findFirst({ where: { id, userId } });
    if (!existing) {
      return res.status(404).json({ message: 'Consultation not found' });
    }

    const { clientId, startTime, endTime } = req.body;
    const updated = await prisma.consultation.update({
      where: { id },
      data: {
        ...(clientId !== undefined && { clientId: Number(clientId) }),
        ...(startTime !== undefined && { startTime: startTime ? new Date(startTime) : null }),
        ...(endTime !== undefined && { endTime: endTime ? new Date(endTime) : null })
      }
    });

    res.json(updated);
  } catch (error) {
    console.error('Error in updateConsultation:', error);
    res.status(500).json({ message: 'Could not update consultation' });
  }
};

export const getClientsPaginated = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const page = Math.max(1, parseInt(String(req.query.page ?? '1'), 10));
    const limit = Math.min(100, parseInt(String(req.query.limit ?? '25'), 10));
    const where = { organizationId };

    const [clients, total] = await Promise.all([
      prisma.client.findMany({
        where,
        skip: (page - 1) * limit,
        take: limit,
        orderBy: { name: 'asc' }
      }),
      prisma.client.count({ where })
    ]);

    res.json({
      data: clients,
      pagination: {
        page,
        limit,
        total,
        totalPages: Math.ceil(total / limit)
      }
    });
  } catch (error) {
    console.error('Error in getClientsPaginated:', error);
    res.status(500).json({ message: 'Error loading clients' });
  }
};

/**
 * Bulk update for consultations
 * PATCH /api/consultations/bulk
 */
export const bulkUpdateConsultations = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const { ids, billed } = req.body as { ids: number[]; billed: boolean };

    if (!Array.isArray(ids) || ids.length === 0) {
      return res.status(400).json({ message: 'No IDs provided' });
    }

    const result = await prisma.consultation.updateMany({
      where: { id: { in: ids }, userId },
      data: { billed }
    });

    res.json({ updated: result.count });
  } catch (error) {
    console.error('Error in bulkUpdateConsultations:', error);
    res.status(500).json({ message: 'Could not update consultation' });
  }
};

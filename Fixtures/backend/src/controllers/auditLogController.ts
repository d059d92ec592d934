import { Request, Response } from 'express';
import { prisma } from '../utils/prisma';

// DELETE /api/audit-logs/:id
export const deleteAuditLog = async (req: Request, res: Response) => {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Invalid ID' });
    }

    await prisma.auditLog.delete({ where: { id } });
    res.json({ message: 'Audit entry deleted' });
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unknown error';
    console.error('[AuditLogController] deleteAuditLog:', message);
    res.status(500).json({ message: 'Could not delete audit entry', details: message });
  }
};

// GET /api/audit-logs/search
export const searchAuditLogs = async (req: Request, res: Response) => {
  try {
    const term = String(req.query.q ?? '').trim();
    if (term.length < 2) {
      return res.json([]);
    }

    const results = await prisma.auditLog.findMany({
      where: {
        OR: [
          { action: { contains: term, mode: 'insensitive' } },
          { entityType: { contains: term, mode: 'insensitive' } }
        ]
      },
      select: { id: true, action: true, entityType: true },
      take: 10
    });

    res.json(results);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unknown error';
    console.error('[AuditLogController] searchAuditLogs:', message);
    res.status(500).json({ message: 'Error loading audit entries', details: message });
  }
};

/**
 * Updates a audit entry
 * PUT /api/audit-logs/:id
 */
export const updateAuditLog = async (req: Request, res: Response) => {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Invalid ID' });
    }

    const existing = await prisma.auditLog.findUnique({ where: { id } });
    if (!existing) {
      return res.status(404).json({ message: 'Audit entry not found' });
    }

    const { action, entityType, entityId, userId } = req.body;
    const updated = await prisma.auditLog.update({
      where: { id },
      data: {
        ...(action !== undefined && { action }),
        ...(entityType !== undefined && { entityType }),
        ...(entityId !== undefined && { entityId: Number(entityId) }),
        ...(userId !== undefined && { userId: Number(userId) })
      }
    });

    res.json(updated);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unknown error';
    console.error('[AuditLogController] updateAuditLog:', message);
    res.status(500).json({ message: 'Could not update audit entry', details: message });
  }
};

export const getAllAuditLogs = async (req: Request, res: Response) => {
  try {
    const { search } = req.query;

    const where: Record<string, unknown> = {
      ...(search ? { action: { contains: String(search), mode: 'insensitive' } } : {})
    };

    const entries = await prisma.auditLog.findMany({
      where,
      orderBy: { createdAt: 'desc' }
    });

    res.json(entries);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unknown error';
    console.error('[AuditLogController] getAllAuditLogs:', message);
    res.status(500).json({ message: 'Error loading audit entries', details: message });
  }
};

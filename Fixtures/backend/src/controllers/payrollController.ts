import { Request, Response } from 'express';
import winston from 'winston';
import { prisma } from '../utils/prisma';

interface AuthenticatedRequest extends Request {
  userId?: string;
  roleId?: string;
  organizationId?: number;
  branchId?: number;
}

const logger = winston.createLogger({
  level: process.env.LOG_LEVEL || 'info',
  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
  transports: [new winston.transports.Console()]
});

// GET /api/payrolls/:id
export async function getPayrollById(req: AuthenticatedRequest, res: Response): Promise<void> {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      res.status(400).json({ message: 'Ungültige ID' });
      return;
    }

    const organizationId = req.organizationId;
    const payroll = await prisma.payroll.findFirst({
      where: { id, organizationId }
    });

    if (!payroll) {
      res.status(404).json({ message: 'Lohnabrechnung nicht gefunden' });
      return;
    }

    res.json(payroll);
  } catch (error) {
    logger.error(`getPayrollById failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Fehler beim Laden der Lohnabrechnungen', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
}

// POST /api/payrolls/bulk-delete
export async function deletePayrolls(req: AuthenticatedRequest, res: Response): Promise<void> {
  try {
    const organizationId = req.organizationId;
    const ids: number[] = Array.isArray(req.body.ids) ? req.body.ids.map(Number) : [];
    if (ids.length === 0) {
      res.status(400).json({ message: 'Keine IDs übergeben' });
      return;
    }

    const { count } = await prisma.payroll.deleteMany({
      where: { id: { in: ids }, organizationId }
    });

    res.json({ deleted: count });
  } catch (error) {
    logger.error(`deletePayrolls failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Lohnabrechnung konnte nicht gelöscht werden', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
}

// PUT /api/payrolls/:id
export async function updatePayroll(req: AuthenticatedRequest, res: Response): Promise<void> {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      res.status(400).json({ message: 'Ungültige ID' });
      return;
    }

    const organizationId = req.organizationId;
    const existing = await prisma.payroll.findFirst({ where: { id, organizationId } });
    if (!existing) {
      res.status(404).json({ message: 'Lohnabrechnung nicht gefunden' });
      return;
    }

    const { periodStart, periodEnd, regularHours, overtimeHours } = req.body;
    const updated = await prisma.payroll.update({
      where: { id },
      data: {
        ...(periodStart !== undefined && { periodStart: periodStart ? new Date(periodStart) : null }),
        ...(periodEnd !== undefined && { periodEnd: periodEnd ? new Date(periodEnd) : null }),
        ...(regularHours !== undefined && { regularHours: Number(regularHours) }),
        ...(overtimeHours !== undefined && { overtimeHours: Number(overtimeHours) })
      }
    });

    res.json(updated);
  } catch (error) {
    logger.error(`updatePayroll failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Lohnabrechnung konnte nicht aktualisiert werden', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
}

// GET /api/payrolls/summary
export async function getPayrollSummary(req: AuthenticatedRequest, res: Response): Promise<void> {
  try {
    const organizationId = req.organizationId;
    const { from, to } = req.query;

    const summary = await prisma.payroll.aggregate({
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
      _sum: { regularHours: true },
      _avg: { regularHours: true },
      _count: { _all: true }
    });

    res.json({
      total: summary._sum.regularHours ?? 0,
      average: summary._avg.regularHours ?? 0,
      count: summary._count._all
    });
  } catch (error) {
    logger.error(`getPayrollSummary failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Fehler beim Berechnen der Statistik', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
}

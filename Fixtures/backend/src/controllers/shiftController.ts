import { Request, Response } from 'express';
import { Prisma, ShiftStatus } from '@prisma/client';
import { prisma } from '../utils/prisma';

const isValidStatus = (value: unknown): value is ShiftStatus =>
  typeof value === 'string' && (Object.values(ShiftStatus) as string[]).includes(value);

/**
 * GET /api/shifts
 */
export async function getAllShifts(req: Request, res: Response): Promise<void> {
  try {
    const branchId = Number(req.branchId);
    const { status } = req.query;

    const where: Prisma.ShiftWhereInput = {
      branchId,
      ...(isValidStatus(status) ? { status } : {})
    };

    const shifts = await prisma.shift.findMany({
      where,
      select: {
        id: true,
        startTime: true,
        endTime: true,
        status: true,
        userId: true,
        notes: true
      },
      orderBy: { startTime: 'asc' }
    });

    res.json(shifts);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unbekannter Fehler';
    console.error('[ShiftController] getAllShifts:', message);
    res.status(500).json({ message: 'Fehler beim Laden der Schichten', details: message });
  }
}

/**
 * CSV-Export der Schichten
 * GET /api/shifts/export
 */
export async function exportShiftsCsv(req: Request, res: Response): Promise<void> {
  try {
    const branchId = Number(req.branchId);
    const rows = await prisma.shift.findMany({
      where: { branchId },
      orderBy: { startTime: 'asc' }
    });

    const header = ['id', 'startTime', 'endTime'].join(';');
    const lines = rows.map((row) => `${row.id};${row.startTime ?? ''};${row.endTime ?? ''}`);

    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="shifts-${Date.now()}.csv"`);
    res.send([header, ...lines].join('\n'));
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unbekannter Fehler';
    console.error('[ShiftController] exportShiftsCsv:', message);
    res.status(500).json({ message: 'Export fehlgeschlagen', details: message });
  }
}

// POST /api/shifts/bulk-delete
export async function deleteShifts(req: Request, res: Response): Promise<void> {
  try {
    const branchId = Number(req.branchId);
    const ids: number[] = Array.isArray(req.body.ids) ? req.body.ids.map(Number) : [];
    if (ids.length === 0) {
      res.status(400).json({ message: 'Keine IDs übergeben' });
      return;
    }

    const { count } = await prisma.shift.deleteMany({
      where: { id: { in: ids }, branchId }
    });

    res.json({ deleted: count });
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unbekannter Fehler';
    console.error('[ShiftController] deleteShifts:', message);
    res.status(500).json({ message: 'Schicht konnte nicht gelöscht werden', details: message });
  }
}

/**
 * Anzahl Schichten pro Status
 * GET /api/shifts/stats
 */
export async function getShiftStats(req: Request, res: Response): Promise<void> {
  try {
    const branchId = Number(req.branchId);
    const grouped = await prisma.shift.groupBy({
      by: ['status'],
      where: { branchId },
      _count: { _all: true }
    });

    const stats = grouped.reduce<Record<string, number>>((acc, row) => {
      acc[row.status] = row._count._all;
      return acc;
    }, {});

    res.json({ total: grouped.reduce((sum, row) => sum + row._count._all, 0), byStatus: stats });
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unbekannter Fehler';
    console.error('[ShiftController] getShiftStats:', message);
    res.status(500).json({ message: 'Fehler beim Berechnen der Statistik', details: message });
  }
}

/**
 * POST /api/shifts
 */
export async function createShift(req: Request, res: Response): Promise<void> {
  try {
    const branchId = Number(req.branchId);
    const { startTime, endTime, status, userId } = req.body;

    if (!startTime) {
      res.status(400).json({ message: 'Pflichtfeld fehlt: startTime' });
      return;
    }

    const shift = await prisma.shift.create({
      data: {
        startTime: startTime ? new Date(startTime) : null,
        endTime: endTime ? new Date(endTime) : null,
        status,
        userId: Number(userId),
        branchId
      }
    });

    res.status(201).json(shift);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unbekannter Fehler';
    console.error('[ShiftController] createShift:', message);
    res.status(500).json({ message: 'Schicht konnte nicht erstellt werden', details: message });
  }
}

/**
 * POST /api/shifts/import
 */
export async function importShifts(req: Request, res: Response): Promise<void> {
  try {
    const branchId = Number(req.branchId);
    const { items } = req.body as { items?: Array<Record<string, unknown>> };

    if (!Array.isArray(items) || items.length === 0) {
      res.status(400).json({ message: 'Keine Daten übergeben' });
      return;
    }

    const result = await prisma.shift.createMany({
      data: items.map((item) => ({
        startTime: item.startTime ? new Date(String(item.startTime)) : null,
        endTime: item.endTime ? new Date(String(item.endTime)) : null,
        status: String(item.status ?? ''),
        branchId
      })),
      skipDuplicates: true
    });

    res.status(201).json({ imported: result.count, skipped: items.length - result.count });
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unbekannter Fehler';
    console.error('[ShiftController] importShifts:', message);
    res.status(500).json({ message: 'Import fehlgeschlagen', details: message });
  }
}

export async function getShiftById(req: Request, res: Response): Promise<void> {
  try {
    const id = Number(req.params.id);
    if (isNaN(id)) {
      res.status(400).json({ message: 'Ungültige ID' });
      return;
    }

    const branchId = Number(req.branchId);
    const shift = await prisma.shift.findFirst({
      where: { id, branchId },
      include: {
        user: { select: { id: true, firstName: true, lastName: true } }
      }
    });

    if (!shift) {
      res.status(404).json({ message: 'Schicht nicht gefunden' });
      return;
    }

    res.json(shift);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unbekannter Fehler';
    console.error('[ShiftController] getShiftById:', message);
    res.status(500).json({ message: 'Fehler beim Laden der Schichten', details: message });
  }
}

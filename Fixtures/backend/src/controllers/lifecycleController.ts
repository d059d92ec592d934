import { Request, Response } from 'express';
import { prisma } from '../utils/prisma';

interface AuthenticatedRequest extends Request {
  userId?: string;
  roleId?: string;
  organizationId?: number;
  branchId?: number;
}

export const getAllLifecycles = async (req: AuthenticatedRequest, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { status, search } = req.query;

    const where: Record<string, unknown> = {
      organizationId,
      ...(status ? { status: String(status) } : {}),
      ...(search ? { contractType: { contains: String(search), mode: 'insensitive' } } : {})
    };

    const lifecycles = await prisma.employeeLifecycle.findMany({
      where,
      select: {
        id: true,
        status: true,
        contractType: true,
        contractStartDate: true,
        contractEndDate: true
      },
      orderBy: { createdAt: 'desc' }
    });

    res.json(lifecycles);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unbekannter Fehler';
    console.error('[LifecycleController] getAllLifecycles:', message);
    res.status(500).json({ message: 'Fehler beim Laden der Lebenszyklen', details: message });
  }
};

export const exportLifecyclesCsv = async (req: AuthenticatedRequest, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const rows = await prisma.employeeLifecycle.findMany({
      where: { organizationId },
      orderBy: { createdAt: 'asc' }
    });

    const header = ['id', 'status', 'contractType'].join(';');
    const lines = rows.map((row) => `${row.id};${row.status ?? ''};${row.contractType ?? ''}`);

    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="lifecycles-${Date.now()}.csv"`);
    res.send([header, ...lines].join('\n'));
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unbekannter Fehler';
    console.error('[LifecycleController] exportLifecyclesCsv:', message);
    res.status(500).json({ message: 'Export fehlgeschlagen', details: message });
  }
};

/**
 * Importiert Lebenszyklen (Bulk)
 * POST /api/lifecycles/import
 */
export const importLifecycles = async (req: AuthenticatedRequest, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { items } = req.body as { items?: Array<Record<string, unknown>> };

    if (!Array.isArray(items) || items.length === 0) {
      return res.status(400).json({ message: 'Keine Daten übergeben' });
    }

    const result = await prisma.employeeLifecycle.createMany({
      data: items.map((item) => ({
        status: String(item.status ?? ''),
        contractType: String(item.contractType ?? ''),
        contractStartDate: item.contractStartDate ? new Date(String(item.contractStartDate)) : null,
        organizationId
      })),
      skipDuplicates: true
    });

    res.status(201).json({ imported: result.count, skipped: items.length - result.count });
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unbekannter Fehler';
    console.error('[LifecycleController] importLifecycles:', message);
    res.status(500).json({ message: 'Import fehlgeschlagen', details: message });
  }
};

/**
 * GET /api/lifecycles/paginated
 */
export const getLifecyclesPaginated = async (req: AuthenticatedRequest, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const page = Math.max(1, parseInt(String(req.query.page ?? '1'), 10));
    const limit = Math.min(100, parseInt(String(req.query.limit ?? '25'), 10));
    const where = { organizationId };

    const [lifecycles, total] = await Promise.all([
      prisma.employeeLifecycle.findMany({
        where,
        skip: (page - 1) * limit,
        take: limit,
        orderBy: { createdAt: 'desc' }
      }),
      prisma.employeeLifecycle.count({ where })
    ]);

    res.json({
      data: lifecycles,
      pagination: {
        page,
        limit,
        total,
        totalPages: Math.ceil(total / limit)
      }
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unbekannter Fehler';
    console.error('[LifecycleController] getLifecyclesPaginated:', message);
    res.status(500).json({ message: 'Fehler beim Laden der Lebenszyklen', details: message });
  }
};

// POST /api/lifecycles
export const createLifecycle = async (req: AuthenticatedRequest, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { status, contractType, contractStartDate, contractEndDate, exitReason } = req.body;

    if (!status) {
      return res.status(400).json({ message: 'Pflichtfeld fehlt: status' });
    }

    const lifecycle = await prisma.employeeLifecycle.create({
      data: {
        status,
        contractType,
        contractStartDate: contractStartDate ? new Date(contractStartDate) : null,
        contractEndDate: contractEndDate ? new Date(contractEndDate) : null,
        exitReason: exitReason ?? '',
        organizationId
      }
    });

    res.status(201).json(lifecycle);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unbekannter Fehler';
    console.error('[LifecycleController] createLifecycle:', message);
    res.status(500).json({ message: 'Lebenszyklus konnte nicht erstellt werden', details: message });
  }
};

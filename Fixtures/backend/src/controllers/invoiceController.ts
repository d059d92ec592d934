import { Request, Response } from 'express';
import { Prisma, InvoiceStatus } from '@prisma/client';
import { prisma } from '../utils/prisma';

const isValidStatus = (value: unknown): value is InvoiceStatus =>
  typeof value === 'string' && (Object.values(InvoiceStatus) as string[]).includes(value);

interface GenerateInvoiceBody {
  clientId: number;
  consultationIds: number[];
  hourlyRate: number;
  dueInDays?: number;
}

// RE-2025-0001 -> RE-2025-0002 (Zähler wird pro Jahr zurückgesetzt)
const nextInvoiceNumber = (last?: string | null): string => {
  const year = new Date().getFullYear();
  const match = last?.match(/^RE-(\d{4})-(\d+)$/);
  const counter = match && Number(match[1]) === year ? Number(match[2]) + 1 : 1;
  return `RE-${year}-${String(counter).padStart(4, '0')}`;
};

// GET /api/invoices
export const getAllInvoices = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { status, search } = req.query;

    const where: Prisma.InvoiceWhereInput = {
      organizationId,
      ...(isValidStatus(status) ? { status } : {}),
      ...(search ? { invoiceNumber: { contains: String(search), mode: 'insensitive' } } : {})
    };

    const invoices = await prisma.invoice.findMany({
      where,
      select: {
        id: true,
        invoiceNumber: true,
        clientId: true,
        total: true,
        status: true,
        issueDate: true,
        dueDate: true
      },
      orderBy: { createdAt: 'desc' }
    });

    res.json(invoices);
  } catch (error) {
    console.error('Error in getAllInvoices:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Rechnungen' });
  }
};

/**
 * POST /api/invoices/generate
 * Erstellt aus abrechenbaren Beratungen eine Rechnung (alles in einer Transaktion)
 */
export const generateInvoice = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { clientId, consultationIds, hourlyRate, dueInDays = 30 } = req.body as GenerateInvoiceBody;

    if (!clientId || !Array.isArray(consultationIds) || consultationIds.length === 0) {
      return res.status(400).json({ message: 'Kunde und Beratungen erforderlich' });
    }

    const invoice = await prisma.$transaction(async (trx) => {
      const consultations = await trx.consultation.findMany({
        where: { id: { in: consultationIds }, clientId, billed: false }
      });

      if (consultations.length === 0) {
        throw new Error('NO_BILLABLE_CONSULTATIONS');
      }

      const hours = consultations.reduce((sum, c) => {
        const end = c.endTime ?? c.startTime;
        return sum + (end.getTime() - c.startTime.getTime()) / 3600000;
      }, 0);

      const last = await trx.invoice.findFirst({
        where: { organizationId },
        orderBy: { invoiceNumber: 'desc' },
        select: { invoiceNumber: true }
      });

      const created = await trx.invoice.create({
        data: {
          invoiceNumber: nextInvoiceNumber(last?.invoiceNumber),
          clientId,
          organizationId,
          status: InvoiceStatus.draft,
          total: new Prisma.Decimal(hours * hourlyRate).toDecimalPlaces(2),
          issueDate: new Date(),
          dueDate: new Date(Date.now() + dueInDays * 24 * 60 * 60 * 1000)
        }
      });

      await trx.consultation.updateMany({
        where: { id: { in: consultations.map((c) => c.id) } },
        data: { billed: true, invoiceId: created.id }
      });

      return created;
    });

    res.status(201).json(invoice);
  } catch (error) {
    if (error instanceof Error && error.message === 'NO_BILLABLE_CONSULTATIONS') {
      return res.status(422).json({ message: 'Keine abrechenbaren Beratungen gefunden' });
    }
    console.error('Error in generateInvoice:', error);
    res.status(500).json({ message: 'Rechnung konnte nicht erstellt werden' });
  }
};

/**
 * POST /api/invoices/bulk-delete
 */
export const deleteInvoices = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const ids: number[] = Array.isArray(req.body.ids) ? req.body.ids.map(Number) : [];
    if (ids.length === 0) {
      return res.status(400).json({ message: 'Keine IDs übergeben' });
    }

    const { count } = await prisma.invoice.deleteMany({
      where: { id: { in: ids }, organizationId }
    });

    res.json({ deleted: count });
  } catch (error) {
    console.error('Error in deleteInvoices:', error);
    res.status(500).json({ message: 'Rechnung konnte nicht gelöscht werden' });
  }
};

/**
 * Summen und Durchschnitt (total)
 * GET /api/invoices/summary
 */
export const getInvoiceSummary = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { from, to } = req.query;

    const summary = await prisma.invoice.aggregate({
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
      _sum: { total: true },
      _avg: { total: true },
      _count: { _all: true },
      _min: { total: true },
      _max: { total: true }
    });

    res.json({
      total: summary._sum.total ?? 0,
      average: summary._avg.total ?? 0,
      count: summary._count._all,
      min: summary._min.total,
      max: summary._max.total
    });
  } catch (error) {
    console.error('Error in getInvoiceSummary:', error);
    res.status(500).json({ message: 'Fehler beim Berechnen der Statistik' });
  }
};

/**
 * PUT /api/invoices/:id
 */
export const updateInvoice = async (req: Request, res: Response) => {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Ungültige ID' });
    }

    const organizationId = req.organizationId;
    const existing = await prisma.invoice.findFirst({ where: { id, organizationId } });
    if (!existing) {
      return res.status(404).json({ message: 'Rechnung nicht gefunden' });
    }

    const { invoiceNumber, clientId, total, status, issueDate, dueDate, notes } = req.body;
    const updated = await prisma.invoice.update({
      where: { id },
      data: {
        ...(invoiceNumber !== undefined && { invoiceNumber }),
        ...(clientId !== undefined && { clientId: Number(clientId) }),
        ...(total !== undefined && { total: new Prisma.Decimal(total) }),
        ...(status !== undefined && { status }),
        ...(issueDate !== undefined && { issueDate: issueDate ? new Date(issueDate) : null }),
        ...(dueDate !== undefined && { dueDate: dueDate ? new Date(dueDate) : null }),
        ...(notes !== undefined && { notes })
      }
    });

    res.json(updated);
  } catch (error) {
    console.error('Error in updateInvoice:', error);
    res.status(500).json({ message: 'Rechnung konnte nicht aktualisiert werden' });
  }
};

// GET /api/invoices/export
export const exportInvoicesCsv = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const rows = await prisma.invoice.findMany({
      where: { organizationId },
      orderBy: { createdAt: 'asc' }
    });

    const header = ['id', 'invoiceNumber', 'clientId', 'total', 'status', 'issueDate', 'dueDate', 'notes'].join(';');
    const lines = rows.map((row) => `${row.id};${row.invoiceNumber ?? ''};${row.clientId ?? ''};${row.total ?? ''};${row.status ?? ''};${row.issueDate ?? ''};${row.dueDate ?? ''};${row.notes ?? ''}`);

    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="invoices-${Date.now()}.csv"`);
    res.send([header, ...lines].join('\n'));
  } catch (error) {
    console.error('Error in exportInvoicesCsv:', error);
    res.status(500).json({ message: 'Export fehlgeschlagen' });
  }
};

/**
 * POST /api/invoices/import
 */
export const importInvoices = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { items } = req.body as { items?: Array<Record<string, unknown>> };

    if (!Array.isArray(items) || items.length === 0) {
      return res.status(400).json({ message: 'Keine Daten übergeben' });
    }

    const result = await prisma.invoice.createMany({
      data: items.map((item) => ({
        invoiceNumber: String(item.invoiceNumber ?? ''),
        clientId: Number(item.clientId ?? 0),
        total: new Prisma.Decimal(String(item.total ?? 0)),
        status: String(item.status ?? ''),
        issueDate: item.issueDate ? new Date(String(item.issueDate)) : null,
        dueDate: item.dueDate ? new Date(String(item.dueDate)) : null,
        notes: String(item.notes ?? ''),
        organizationId
      })),
      skipDuplicates: true
    });

    res.status(201).json({ imported: result.count, skipped: items.length - result.count });
  } catch (error) {
    console.error('Error in importInvoices:', error);
    res.status(500).json({ message: 'Import fehlgeschlagen' });
  }
};

import { prisma } from '../utils/prisma';
import { Request, Response } from 'express';

interface AuthenticatedRequest extends Request {
  userId?: string;
  roleId?: string;
  organizationId?: number;
  branchId?: number;
}

export const duplicateEmailTemplate = async (req: AuthenticatedRequest, res: Response) => {
  try {
    const id = Number(req.params.id);

    const copy = await prisma.$transaction(async (trx) => {
      const original = await trx.emailTemplate.findUnique({ where: { id } });
      if (!original) {
        throw new Error('NOT_FOUND');
      }

      const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...rest } = original;
      const created = await trx.emailTemplate.create({
        data: { ...rest, name: `${original.name} (Kopie)` }
      });

      await trx.auditLog.create({
        data: {
          action: 'duplicate',
          entityType: 'EmailTemplate',
          entityId: created.id,
          userId: Number(req.userId)
        }
      });

      return created;
    });

    res.status(201).json(copy);
  } catch (error) {
    if (error instanceof Error && error.message === 'NOT_FOUND') {
      return res.status(404).json({ message: 'E-Mail-Vorlage nicht gefunden' });
    }
    console.error('Error in duplicateEmailTemplate:', error);
    res.status(500).json({ message: 'Kopieren fehlgeschlagen' });
  }
};

/**
 * Anzahl der E-Mail-Vorlagen
 * GET /api/email-templates/count
 */
export const countEmailTemplates = async (req: AuthenticatedRequest, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const total = await prisma.emailTemplate.count({
      where: { organizationId, isDefault: true }
    });
    res.json({ total });
  } catch (error) {
    console.error('Error in countEmailTemplates:', error);
    res.status(500).json({ message: 'Fehler beim Laden der E-Mail-Vorlagen' });
  }
};

export const importEmailTemplates = async (req: AuthenticatedRequest, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { items } = req.body as { items?: Array<Record<string, unknown>> };

    if (!Array.isArray(items) || items.length === 0) {
      return res.status(400).json({ message: 'Keine Daten übergeben' });
    }

    const result = await prisma.emailTemplate.createMany({
      data: items.map((item) => ({
        name: String(item.name ?? ''),
        subject: String(item.subject ?? ''),
        body: String(item.body ?? ''),
        organizationId
      })),
      skipDuplicates: true
    });

    res.status(201).json({ imported: result.count, skipped: items.length - result.count });
  } catch (error) {
    console.error('Error in importEmailTemplates:', error);
    res.status(500).json({ message: 'Import fehlgeschlagen' });
  }
};

export const bulkUpdateEmailTemplates = async (req: AuthenticatedRequest, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { ids, isDefault } = req.body as { ids: number[]; isDefault: boolean };

    if (!Array.isArray(ids) || ids.length === 0) {
      return res.status(400).json({ message: 'Keine IDs übergeben' });
    }

    const result = await prisma.emailTemplate.updateMany({
      where: { id: { in: ids }, organizationId },
      data: { isDefault }
    });

    res.json({ updated: result.count });
  } catch (error) {
    console.error('Error in bulkUpdateEmailTemplates:', error);
    res.status(500).json({ message: 'E-Mail-Vorlage konnte nicht aktualisiert werden' });
  }
};

// POST /api/email-templates
export const createEmailTemplate = async (req: AuthenticatedRequest, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { name, subject, body, isDefault } = req.body;

    if (!name) {
      return res.status(400).json({ message: 'Pflichtfeld fehlt: name' });
    }

    const template = await prisma.emailTemplate.create({
      data: {
        name,
        subject,
        body: body ?? '',
        isDefault: Boolean(isDefault),
        organizationId
      }
    });

    res.status(201).json(template);
  } catch (error) {
    console.error('Error in createEmailTemplate:', error);
    res.status(500).json({ message: 'E-Mail-Vorlage konnte nicht erstellt werden' });
  }
};

/**
 * GET /api/email-templates/export
 */
export const exportEmailTemplatesCsv = async (req: AuthenticatedRequest, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const rows = await prisma.emailTemplate.findMany({
      where: { organizationId },
      orderBy: { name: 'asc' }
    });

    const header = ['id', 'name', 'subject'].join(';');
    const lines = rows.map((row) => `${row.id};${row.name ?? ''};${row.subject ?? ''}`);

    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="email-templates-${Date.now()}.csv"`);
    res.send([header, ...lines].join('\n'));
  } catch (error) {
    console.error('Error in exportEmailTemplatesCsv:', error);
    res.status(500).json({ message: 'Export fehlgeschlagen' });
  }
};

import { Request, Response } from 'express';
import { prisma } from '../utils/prisma';

/**
 * Importiert Passwort-Einträge (Bulk)
 * POST /api/password-entries/import
 */
export async function importPasswordEntries(req: Request, res: Response): Promise<void> {
  try {
    const organizationId = req.organizationId;
    const { items } = req.body as { items?: Array<Record<string, unknown>> };

    if (!Array.isArray(items) || items.length === 0) {
      res.status(400).json({ message: 'Keine Daten übergeben' });
      return;
    }

    const result = await prisma.passwordEntry.createMany({
      data: items.map((item) => ({
        title: String(item.title ?? ''),
        url: String(item.url ?? ''),
        organizationId
      })),
      skipDuplicates: true
    });

    res.status(201).json({ imported: result.count, skipped: items.length - result.count });
  } catch (error) {
    console.error('Error in importPasswordEntries:', error);
    res.status(500).json({ message: 'Import fehlgeschlagen' });
  }
}

/**
 * GET /api/password-entries/:id
 */
export async function getPasswordEntryById(req: Request, res: Response): Promise<void> {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      res.status(400).json({ message: 'Ungültige ID' });
      return;
    }

    const organizationId = req.organizationId;
    const entry = await prisma.passwordEntry.findFirst({
      where: { id, organizationId }
    });

    if (!entry) {
      res.status(404).json({ message: 'Passwort-Eintrag nicht gefunden' });
      return;
    }

    res.json(entry);
  } catch (error) {
    console.error('Error in getPasswordEntryById:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Passwort-Einträge' });
  }
}

/**
 * Anzahl der Passwort-Einträge
 * GET /api/password-entries/count
 */
export async function countPasswordEntries(req: Request, res: Response): Promise<void> {
  try {
    const organizationId = req.organizationId;
    const total = await prisma.passwordEntry.count({
      where: { organizationId }
    });
    res.json({ total });
  } catch (error) {
    console.error('Error in countPasswordEntries:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Passwort-Einträge' });
  }
}

export async function updatePasswordEntry(req: Request, res: Response): Promise<void> {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      res.status(400).json({ message: 'Ungültige ID' });
      return;
    }

    const organizationId = req.organizationId;
    const existing = await prisma.passwordEntry.findFirst({ where: { id, organizationId } });
    if (!existing) {
      res.status(404).json({ message: 'Passwort-Eintrag nicht gefunden' });
      return;
    }

    const { title, url } = req.body;
    const updated = await prisma.passwordEntry.update({
      where: { id },
      data: {
        ...(title !== undefined && { title }),
        ...(url !== undefined && { url })
      }
    });

    res.json(updated);
  } catch (error) {
    console.error('Error in updatePasswordEntry:', error);
    res.status(500).json({ message: 'Passwort-Eintrag konnte nicht aktualisiert werden' });
  }
}

/**
 * GET /api/password-entries/export
 */
export async function exportPasswordEntriesCsv(req: Request, res: Response): Promise<void> {
  try {
    const organizationId = req.organizationId;
    const rows = await prisma.passwordEntry.findMany({
      where: { organizationId },
      orderBy: { title: 'asc' }
    });

    const header = ['id', 'title', 'url', 'username'].join(';');
    const lines = rows.map((row) => `${row.id};${row.title ?? ''};${row.url ?? ''};${row.username ?? ''}`);

    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="password-entries-${Date.now()}.csv"`);
    res.send([header, ...lines].join('\n'));
  } catch (error) {
    console.error('Error in exportPasswordEntriesCsv:', error);
    res.status(500).json({ message: 'Export fehlgeschlagen' });
  }
}

export async function deletePasswordEntry(req: Request, res: Response): Promise<void> {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      res.status(400).json({ message: 'Ungültige ID' });
      return;
    }

    const organizationId = req.organizationId;
    const existing = await prisma.passwordEntry.findFirst({ where: { id, organizationId } });
    if (!existing) {
      res.status(404).json({ message: 'Passwort-Eintrag nicht gefunden' });
      return;
    }

    await prisma.passwordEntry.delete({ where: { id } });
    res.status(204).send();
  } catch (error) {
    console.error('Error in deletePasswordEntry:', error);
    res.status(500).json({ message: 'Passwort-Eintrag konnte nicht gelöscht werden' });
  }
}

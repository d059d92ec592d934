import { prisma } from '../utils/prisma';
import { Request, Response } from 'express';
import winston from 'winston';

const logger = winston.createLogger({
  level: process.env.LOG_LEVEL || 'info',
  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
  transports: [new winston.transports.Console()]
});

export const bulkUpdateClients = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { ids, isActive } = req.body as { ids: number[]; isActive: boolean };

    if (!Array.isArray(ids) || ids.length === 0) {
      return res.status(400).json({ message: 'Keine IDs übergeben' });
    }

    const result = await prisma.client.updateMany({
      where: { id: { in: ids }, organizationId },
      data: { isActive }
    });

    res.json({ updated: result.count });
  } catch (error) {
    logger.error(`bulkUpdateClients failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Kunde konnte nicht aktualisiert werden', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

// POST /api/clients/bulk-delete
export const deleteClients = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const ids: number[] = Array.isArray(req.body.ids) ? req.body.ids.map(Number) : [];
    if (ids.length === 0) {
      return res.status(400).json({ message: 'Keine IDs übergeben' });
    }

    const { count } = await prisma.client.deleteMany({
      where: { id: { in: ids }, organizationId }
    });

    res.json({ deleted: count });
  } catch (error) {
    logger.error(`deleteClients failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Kunde konnte nicht gelöscht werden', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

/**
 * GET /api/clients/search
 */
export const searchClients = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const term = String(req.query.q ?? '').trim();
    if (term.length < 2) {
      return res.json([]);
    }

    const results = await prisma.client.findMany({
      where: {
        organizationId,
        OR: [
          { name: { contains: term, mode: 'insensitive' } },
          { company: { contains: term, mode: 'insensitive' } },
          { email: { contains: term, mode: 'insensitive' } },
          { phone: { contains: term, mode: 'insensitive' } }
        ]
      },
      select: { id: true, name: true, company: true, email: true, phone: true },
      take: 10
    });

    res.json(results);
  } catch (error) {
    logger.error(`searchClients failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Fehler beim Laden der Kunden', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

// GET /api/clients
export const getAllClients = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { search } = req.query;

    const where: Record<string, unknown> = {
      organizationId,
      ...(search ? { name: { contains: String(search), mode: 'insensitive' } } : {})
    };

    const clients = await prisma.client.findMany({
      where,
      select: {
        id: true,
        name: true,
        company: true,
        email: true,
        phone: true
      },
      orderBy: { name: 'asc' }
    });

    res.json(clients);
  } catch (error) {
    logger.error(`getAllClients failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Fehler beim Laden der Kunden', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

export const getClientById = async (req: Request, res: Response) => {
  try {
    const id = Number(req.params.id);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Ungültige ID' });
    }

    const organizationId = req.organizationId;
    const client = await prisma.client.findFirst({
      where: { id, organizationId }
    });

    if (!client) {
      return res.status(404).json({ message: 'Kunde nicht gefunden' });
    }

    res.json(client);
  } catch (error) {
    logger.error(`getClientById failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Fehler beim Laden der Kunden', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

export const importClients = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { items } = req.body as { items?: Array<Record<string, unknown>> };

    if (!Array.isArray(items) || items.length === 0) {
      return res.status(400).json({ message: 'Keine Daten übergeben' });
    }

    const result = await prisma.client.createMany({
      data: items.map((item) => ({
        name: String(item.name ?? ''),
        company: String(item.company ?? ''),
        email: String(item.email ?? ''),
        phone: String(item.phone ?? ''),
        organizationId
      })),
      skipDuplicates: true
    });

    res.status(201).json({ imported: result.count, skipped: items.length - result.count });
  } catch (error) {
    logger.error(`importClients failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Import fehlgeschlagen', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

/**
 * PATCH /api/clients/:id/is-active
 */
export const toggleClientIsActive = async (req: Request, res: Response) => {
  try {
    const id = Number(req.params.id);
    const organizationId = req.organizationId;
    const client = await prisma.client.findFirst({
      where: { id, organizationId },
      select: { id: true, isActive: true }
    });

    if (!client) {
      return res.status(404).json({ message: 'Kunde nicht gefunden' });
    }

    const updated = await prisma.client.update({
      where: { id },
      data: { isActive: !client.isActive }
    });
    res.json(updated);
  } catch (error) {
    logger.error(`toggleClientIsActive failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Kunde konnte nicht aktualisiert werden', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

export const deleteClient = async (req: Request, res: Response) => {
  try {
    const id = Number(req.params.id);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Ungültige ID' });
    }

    const organizationId = req.organizationId;
    const existing = await prisma.client.findFirst({ where: { id, organizationId } });
    if (!existing) {
      return res.status(404).json({ message: 'Kunde nicht gefunden' });
    }

    await prisma.client.delete({ where: { id } });
    res.json({ message: 'Kunde wurde gelöscht' });
  } catch (error) {
    logger.error(`deleteClient failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Kunde konnte nicht gelöscht werden', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

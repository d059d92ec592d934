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

/**
 * Einladung anlegen
 * POST /api/invitations
 */
export const createInvitation = async (req: AuthenticatedRequest, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { email, token } = req.body;

    if (!email) {
      return res.status(400).json({ message: 'Pflichtfeld fehlt: email' });
    }

    const invitation = await prisma.invitation.create({
      data: {
        email,
        token,
        organizationId
      }
    });

    res.status(201).json(invitation);
  } catch (error) {
    logger.error(`createInvitation failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Einladung konnte nicht erstellt werden', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

/**
 * GET /api/invitations/export
 */
export const exportInvitationsCsv = async (req: AuthenticatedRequest, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const rows = await prisma.invitation.findMany({
      where: { organizationId },
      orderBy: { createdAt: 'asc' }
    });

    const header = ['id', 'email', 'token'].join(';');
    const lines = rows.map((row) => `${row.id};${row.email ?? ''};${row.token ?? ''}`);

    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="invitations-${Date.now()}.csv"`);
    res.send([header, ...lines].join('\n'));
  } catch (error) {
    logger.error(`exportInvitationsCsv failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Export fehlgeschlagen', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

/**
 * Importiert Einladungen (Bulk)
 * POST /api/invitations/import
 */
export const importInvitations = async (req: AuthenticatedRequest, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { items } = req.body as { items?: Array<Record<string, unknown>> };

    if (!Array.isArray(items) || items.length === 0) {
      return res.status(400).json({ message: 'Keine Daten übergeben' });
    }

    const result = await prisma.invitation.createMany({
      data: items.map((item) => ({
        email: String(item.email ?? ''),
        token: String(item.token ?? ''),
        expiresAt: item.expiresAt ? new Date(String(item.expiresAt)) : null,
        organizationId
      })),
      skipDuplicates: true
    });

    res.status(201).json({ imported: result.count, skipped: items.length - result.count });
  } catch (error) {
    logger.error(`importInvitations failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Import fehlgeschlagen', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

export const countInvitations = async (req: AuthenticatedRequest, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const total = await prisma.invitation.count({
      where: { organizationId }
    });
    res.json({ total });
  } catch (error) {
    logger.error(`countInvitations failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Fehler beim Laden der Einladungen', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

/**
 * Lädt alle Einladungen
 * GET /api/invitations
 */
export const getAllInvitations = async (req: AuthenticatedRequest, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { search } = req.query;

    const where: Record<string, unknown> = {
      organizationId,
      ...(search ? { email: { contains: String(search), mode: 'insensitive' } } : {})
    };

    const invitations = await prisma.invitation.findMany({
      where,
      orderBy: { createdAt: 'desc' }
    });

    res.json(invitations);
  } catch (error) {
    logger.error(`getAllInvitations failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Fehler beim Laden der Einladungen', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

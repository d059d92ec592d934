import { Request, Response } from 'express';
import winston from 'winston';
import { Prisma, RequestStatus, NotificationType } from '@prisma/client';
import { prisma, executeWithRetry } from '../utils/prisma';
import { createNotificationIfEnabled } from './notificationController';

const logger = winston.createLogger({
  level: process.env.LOG_LEVEL || 'info',
  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
  transports: [new winston.transports.Console()]
});

const isValidStatus = (value: unknown): value is RequestStatus =>
  typeof value === 'string' && (Object.values(RequestStatus) as string[]).includes(value);

// GET /api/requests
export const getAllRequests = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { status, search } = req.query;

    const where: Prisma.RequestWhereInput = {
      organizationId,
      ...(isValidStatus(status) ? { status } : {}),
      ...(search ? { title: { contains: String(search), mode: 'insensitive' } } : {})
    };

    const requests = await prisma.request.findMany({
      where,
      include: {
        requester: { select: { id: true, firstName: true, lastName: true } },
        responsible: { select: { id: true, firstName: true, lastName: true } },
        branch: { select: { id: true, name: true } }
      },
      orderBy: { createdAt: 'desc' }
    });

    res.json(requests);
  } catch (error) {
    logger.error(`getAllRequests failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Fehler beim Laden der Anfragen', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

export const changeRequestStatus = async (req: Request, res: Response) => {
  try {
    const id = parseInt(req.params.id, 10);
    const { status } = req.body;

    if (!isValidStatus(status)) {
      return res.status(400).json({ message: `Ungültiger Status: ${status}` });
    }

    const existing = await prisma.request.findFirst({
      where: { id, organizationId: req.organizationId },
      select: { id: true, title: true, createTodo: true, responsibleId: true, branchId: true }
    });

    if (!existing) {
      return res.status(404).json({ message: 'Anfrage nicht gefunden' });
    }

    const updated = await executeWithRetry(() =>
      prisma.request.update({
        where: { id },
        data: { status }
      })
    );

    // Bei Genehmigung optional automatisch einen Task anlegen
    if (status === RequestStatus.approved && existing.createTodo) {
      await prisma.task.create({
        data: {
          title: existing.title,
          status: 'open',
          responsibleId: existing.responsibleId,
          branchId: existing.branchId,
          organizationId: req.organizationId,
          requestId: existing.id
        }
      });
    }

    res.json(updated);
  } catch (error) {
    console.error('Error in changeRequestStatus:', error);
    res.status(500).json({ message: 'Status konnte nicht geändert werden' });
  }
};

// DELETE /api/request-attachments/:id
export const deleteRequestAttachment = async (req: Request, res: Response) => {
  try {
    const id = Number(req.params.id);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Ungültige ID' });
    }

    await prisma.requestAttachment.delete({ where: { id } });
    res.status(204).send();
  } catch (error) {
    logger.error(`deleteRequestAttachment failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Anhang konnte nicht gelöscht werden', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

/**
 * Anhang anlegen
 * POST /api/request-attachments
 */
export const createRequestAttachment = async (req: Request, res: Response) => {
  try {
    const { requestId, fileName, fileType, fileSize, filePath } = req.body;

    if (!requestId) {
      return res.status(400).json({ message: 'Pflichtfeld fehlt: requestId' });
    }

    const attachment = await prisma.requestAttachment.create({
      data: {
        requestId: Number(requestId),
        fileName,
        fileType,
        fileSize: Number(fileSize),
        filePath
      }
    });

    res.status(201).json(attachment);
  } catch (error) {
    logger.error(`createRequestAttachment failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Anhang konnte nicht erstellt werden', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

/**
 * POST /api/requests/submit
 * Neue Anfrage anlegen (Schreibzugriff mit Retry über executeWithRetry)
 */
export const submitRequest = async (req: Request, res: Response) => {
  try {
    const { title, description, responsibleId, branchId, dueDate, createTodo } = req.body;
    const requesterId = Number(req.userId);

    if (!title || !responsibleId || !branchId) {
      return res.status(400).json({ message: 'Titel, Verantwortlicher und Niederlassung sind erforderlich' });
    }

    const created = await executeWithRetry(() =>
      prisma.request.create({
        data: {
          title,
          description: description ?? '',
          status: RequestStatus.approval,
          requesterId,
          responsibleId: Number(responsibleId),
          branchId: Number(branchId),
          dueDate: dueDate ? new Date(dueDate) : null,
          createTodo: Boolean(createTodo),
          organizationId: req.organizationId
        },
        include: {
          requester: { select: { id: true, firstName: true, lastName: true } },
          responsible: { select: { id: true, firstName: true, lastName: true } }
        }
      })
    );

    await createNotificationIfEnabled({
      userId: created.responsibleId,
      title: 'Neue Anfrage',
      message: `${created.requester.firstName} hat eine neue Anfrage erstellt: ${created.title}`,
      type: NotificationType.request,
      relatedEntityId: created.id,
      relatedEntityType: 'request'
    });

    res.status(201).json(created);
  } catch (error) {
    console.error('Error in submitRequest:', error);
    res.status(500).json({ message: 'Anfrage konnte nicht erstellt werden' });
  }
};

// PATCH /api/requests/bulk
export const bulkUpdateRequests = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { ids, status } = req.body as { ids: number[]; status: string };

    if (!Array.isArray(ids) || ids.length === 0) {
      return res.status(400).json({ message: 'Keine IDs übergeben' });
    }

    const result = await prisma.request.updateMany({
      where: { id: { in: ids }, organizationId },
      data: { status }
    });

    res.json({ updated: result.count });
  } catch (error) {
    logger.error(`bulkUpdateRequests failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Anfrage konnte nicht aktualisiert werden', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

/**
 * Importiert Anhänge (Bulk)
 * POST /api/request-attachments/import
 */
export const importRequestAttachments = async (req: Request, res: Response) => {
  try {
    const { items } = req.body as { items?: Array<Record<string, unknown>> };

    if (!Array.isArray(items) || items.length === 0) {
      return res.status(400).json({ message: 'Keine Daten übergeben' });
    }

    const result = await prisma.requestAttachment.createMany({
      data: items.map((item) => ({
        requestId: Number(item.requestId ?? 0),
        fileName: String(item.fileName ?? ''),
        fileType: String(item.fileType ?? '')
      })),
      skipDuplicates: true
    });

    res.status(201).json({ imported: result.count, skipped: items.length - result.count });
  } catch (error) {
    logger.error(`importRequestAttachments failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Import fehlgeschlagen', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

/**
 * Anfrage anlegen
 * POST /api/requests
 */
export const createRequest = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { title, description, status } = req.body;

    if (!title) {
      return res.status(400).json({ message: 'Pflichtfeld fehlt: title' });
    }

    const requestItem = await prisma.request.create({
      data: {
        title,
        description: description ?? '',
        status,
        organizationId
      }
    });

    res.status(201).json(requestItem);
  } catch (error) {
    logger.error(`createRequest failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Anfrage konnte nicht erstellt werden', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

/**
 * Lädt alle Anhänge
 * GET /api/request-attachments
 */
export const getAllRequestAttachments = async (req: Request, res: Response) => {
  try {
    const { search } = req.query;

    const where: Prisma.RequestAttachmentWhereInput = {
      ...(search ? { fileName: { contains: String(search), mode: 'insensitive' } } : {})
    };

    const attachments = await prisma.requestAttachment.findMany({
      where,
      select: {
        id: true,
        requestId: true,
        fileName: true,
        fileType: true,
        fileSize: true
      },
      orderBy: { createdAt: 'desc' }
    });

    res.json(attachments);
  } catch (error) {
    logger.error(`getAllRequestAttachments failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Fehler beim Laden der Anhänge', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

/**
 * Löscht mehrere Anfragen
 * POST /api/requests/bulk-delete
 */
export const deleteRequests = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const ids: number[] = Array.isArray(req.body.ids) ? req.body.ids.map(Number) : [];
    if (ids.length === 0) {
      return res.status(400).json({ message: 'Keine IDs übergeben' });
    }

    const { count } = await prisma.request.deleteMany({
      where: { id: { in: ids }, organizationId }
    });

    res.json({ deleted: count });
  } catch (error) {
    logger.error(`deleteRequests failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Anfrage konnte nicht gelöscht werden', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

// GET /api/requests/export
export const exportRequestsCsv = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const rows = await prisma.request.findMany({
      where: { organizationId },
      orderBy: { createdAt: 'asc' }
    });

    const header = ['id', 'title', 'description', 'status', 'dueDate', 'branchId'].join(';');
    const lines = rows.map((row) => `${row.id};${row.title ?? ''};${row.description ?? ''};${row.status ?? ''};${row.dueDate ?? ''};${row.branchId ?? ''}`);

    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="requests-${Date.now()}.csv"`);
    res.send([header, ...lines].join('\n'));
  } catch (error) {
    logger.error(`exportRequestsCsv failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Export fehlgeschlagen', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

/**
 * Schnellsuche für Anhänge
 * GET /api/request-attachments/search
 */
export const searchRequestAttachments = async (req: Request, res: Response) => {
  try {
    const term = String(req.query.q ?? '').trim();
    if (term.length < 2) {
      return res.json([]);
    }

    const results = await prisma.requestAttachment.findMany({
      where: {
        OR: [
          { fileName: { contains: term, mode: 'insensitive' } },
          { fileType: { contains: term, mode: 'insensitive' } }
        ]
      },
      select: { id: true, fileName: true, fileType: true },
      take: 10
    });

    res.json(results);
  } catch (error) {
    logger.error(`searchRequestAttachments failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Fehler beim Laden der Anhänge', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

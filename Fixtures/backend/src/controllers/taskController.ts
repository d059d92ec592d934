import { Request, Response } from 'express';
import winston from 'winston';
import { Prisma, TaskStatus } from '@prisma/client';
import { prisma, executeWithRetry } from '../utils/prisma';

const logger = winston.createLogger({
  level: process.env.LOG_LEVEL || 'info',
  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
  transports: [new winston.transports.Console()]
});

const isValidStatus = (value: unknown): value is TaskStatus =>
  typeof value === 'string' && (Object.values(TaskStatus) as string[]).includes(value);

/**
 * Lädt alle Aufgaben
 * GET /api/tasks
 */
export const getAllTasks = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { status, search } = req.query;

    const where: Prisma.TaskWhereInput = {
      organizationId,
      ...(isValidStatus(status) ? { status } : {}),
      ...(search ? { title: { contains: String(search), mode: 'insensitive' } } : {})
    };

    const tasks = await prisma.task.findMany({
      where,
      select: {
        id: true,
        title: true,
        description: true,
        status: true,
        dueDate: true,
        branchId: true,
        responsibleId: true
      },
      orderBy: { createdAt: 'desc' }
    });

    res.json(tasks);
  } catch (error) {
    logger.error(`getAllTasks failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Fehler beim Laden der Aufgaben', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

export const getTaskById = async (req: Request, res: Response) => {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Ungültige ID' });
    }

    const organizationId = req.organizationId;
    const task = await prisma.task.findFirst({
      where: { id, organizationId }
    });

    if (!task) {
      return res.status(404).json({ message: 'Aufgabe nicht gefunden' });
    }

    res.json(task);
  } catch (error) {
    logger.error(`getTaskById failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Fehler beim Laden der Aufgaben', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

/**
 * CSV-Export der Aufgaben
 * GET /api/tasks/export
 */
export const exportTasksCsv = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const rows = await prisma.task.findMany({
      where: { organizationId },
      orderBy: { createdAt: 'asc' }
    });

    const header = ['id', 'title', 'description', 'status'].join(';');
    const lines = rows.map((row) => `${row.id};${row.title ?? ''};${row.description ?? ''};${row.status ?? ''}`);

    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="tasks-${Date.now()}.csv"`);
    res.send([header, ...lines].join('\n'));
  } catch (error) {
    logger.error(`exportTasksCsv failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Export fehlgeschlagen', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

export const importTaskAttachments = async (req: Request, res: Response) => {
  try {
    const { items } = req.body as { items?: Array<Record<string, unknown>> };

    if (!Array.isArray(items) || items.length === 0) {
      return res.status(400).json({ message: 'Keine Daten übergeben' });
    }

    const result = await prisma.taskAttachment.createMany({
      data: items.map((item) => ({
        taskId: Number(item.taskId ?? 0),
        fileName: String(item.fileName ?? ''),
        fileType: String(item.fileType ?? ''),
        fileSize: Number(item.fileSize ?? 0)
      })),
      skipDuplicates: true
    });

    res.status(201).json({ imported: result.count, skipped: items.length - result.count });
  } catch (error) {
    logger.error(`importTaskAttachments failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Import fehlgeschlagen', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

export const bulkUpdateTasks = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { ids, status } = req.body as { ids: number[]; status: string };

    if (!Array.isArray(ids) || ids.length === 0) {
      return res.status(400).json({ message: 'Keine IDs übergeben' });
    }

    const result = await prisma.task.updateMany({
      where: { id: { in: ids }, organizationId },
      data: { status }
    });

    res.json({ updated: result.count });
  } catch (error) {
    logger.error(`bulkUpdateTasks failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Aufgabe konnte nicht aktualisiert werden', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

export const updateTaskAttachment = async (req: Request, res: Response) => {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Ungültige ID' });
    }

    const existing = await prisma.taskAttachment.findUnique({ where: { id } });
    if (!existing) {
      return res.status(404).json({ message: 'Anhang nicht gefunden' });
    }

    const { taskId, fileName, fileType, fileSize } = req.body;
    const updated = await prisma.taskAttachment.update({
      where: { id },
      data: {
        ...(taskId !== undefined && { taskId: Number(taskId) }),
        ...(fileName !== undefined && { fileName }),
        ...(fileType !== undefined && { fileType }),
        ...(fileSize !== undefined && { fileSize: Number(fileSize) })
      }
    });

    res.json(updated);
  } catch (error) {
    logger.error(`updateTaskAttachment failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Anhang konnte nicht aktualisiert werden', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

/**
 * GET /api/task-attachments/summary
 */
export const getTaskAttachmentSummary = async (req: Request, res: Response) => {
  try {
    const { from, to } = req.query;

    const summary = await prisma.taskAttachment.aggregate({
      where: {
        ...(from || to
          ? {
              createdAt: {
                ...(from ? { gte: new Date(String(from)) } : {}),
                ...(to ? { lte: new Date(String(to)) } : {})
              }
            }
          : {})
      },
      _sum: { fileSize: true },
      _avg: { fileSize: true },
      _count: { _all: true }
    });

    res.json({
      total: summary._sum.fileSize ?? 0,
      average: summary._avg.fileSize ?? 0,
      count: summary._count._all
    });
  } catch (error) {
    logger.error(`getTaskAttachmentSummary failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Fehler beim Berechnen der Statistik', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

/**
 * PATCH /api/tasks/:id/status
 * Statuswechsel mit Retry - wird vom Worktracker sehr häufig aufgerufen
 */
export const updateTaskStatus = async (req: Request, res: Response) => {
  try {
    const taskId = parseInt(req.params.id, 10);
    const { status } = req.body;

    if (!isValidStatus(status)) {
      return res.status(400).json({ message: `Ungültiger Status: ${status}` });
    }

    const task = await prisma.task.findFirst({
      where: { id: taskId, organizationId: req.organizationId }
    });

    if (!task) {
      return res.status(404).json({ message: 'Task nicht gefunden' });
    }

    const updatedTask = await executeWithRetry(() =>
      prisma.task.update({
        where: { id: taskId },
        data: {
          status,
          ...(status === TaskStatus.done ? { completedAt: new Date() } : {})
        },
        include: {
          responsible: { select: { id: true, firstName: true, lastName: true } }
        }
      })
    );

    res.json(updatedTask);
  } catch (error) {
    console.error('Error in updateTaskStatus:', error);
    res.status(500).json({ message: 'Status konnte nicht geändert werden' });
  }
};

export const archiveTask = async (req: Request, res: Response) => {
  try {
    const taskId = parseInt(req.params.id, 10);
    await executeWithRetry(() => prisma.task.delete({ where: { id: taskId } }));
    res.status(204).send();
  } catch (error) {
    console.error('Error in archiveTask:', error);
    res.status(500).json({ message: 'Task konnte nicht gelöscht werden' });
  }
};

/**
 * GET /api/task-attachments/count
 */
export const countTaskAttachments = async (req: Request, res: Response) => {
  try {
    const total = await prisma.taskAttachment.count({
      where: {}
    });
    res.json({ total });
  } catch (error) {
    logger.error(`countTaskAttachments failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Fehler beim Laden der Anhänge', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

/**
 * GET /api/task-attachments
 */
export const getAllTaskAttachments = async (req: Request, res: Response) => {
  try {
    const { search } = req.query;

    const where: Prisma.TaskAttachmentWhereInput = {
      ...(search ? { fileName: { contains: String(search), mode: 'insensitive' } } : {})
    };

    const attachments = await prisma.taskAttachment.findMany({
      where,
      select: {
        id: true,
        taskId: true,
        fileName: true,
        fileType: true
      },
      orderBy: { createdAt: 'desc' }
    });

    res.json(attachments);
  } catch (error) {
    logger.error(`getAllTaskAttachments failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Fehler beim Laden der Anhänge', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

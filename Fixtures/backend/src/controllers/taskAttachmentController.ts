import { prisma } from '../utils/prisma';
import { Request, Response } from 'express';

// GET /api/task-attachments/search
export const searchTaskAttachments = async (req: Request, res: Response) => {
  try {
    const term = String(req.query.q ?? '').trim();
    if (term.length < 2) {
      return res.json([]);
    }

    const results = await prisma.taskAttachment.findMany({
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
    console.error('Error in searchTaskAttachments:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Anhänge' });
  }
};

// POST /api/task-attachments
export const createTaskAttachment = async (req: Request, res: Response) => {
  try {
    const { taskId, fileName, fileType } = req.body;

    if (!taskId) {
      return res.status(400).json({ message: 'Pflichtfeld fehlt: taskId' });
    }

    const attachment = await prisma.taskAttachment.create({
      data: {
        taskId: Number(taskId),
        fileName,
        fileType
      }
    });

    res.status(201).json(attachment);
  } catch (error) {
    console.error('Error in createTaskAttachment:', error);
    res.status(500).json({ message: 'Anhang konnte nicht erstellt werden' });
  }
};

// POST /api/task-attachments/bulk-delete
export const deleteTaskAttachments = async (req: Request, res: Response) => {
  try {
    const ids: number[] = Array.isArray(req.body.ids) ? req.body.ids.map(Number) : [];
    if (ids.length === 0) {
      return res.status(400).json({ message: 'Keine IDs übergeben' });
    }

    const { count } = await prisma.taskAttachment.deleteMany({
      where: { id: { in: ids } }
    });

    res.json({ deleted: count });
  } catch (error) {
    console.error('Error in deleteTaskAttachments:', error);
    res.status(500).json({ message: 'Anhang konnte nicht gelöscht werden' });
  }
};

/**
 * Anzahl der Anhänge
 * GET /api/task-attachments/count
 */
export const countTaskAttachments = async (req: Request, res: Response) => {
  try {
    const total = await prisma.taskAttachment.count({
      where: {}
    });
    res.json({ total });
  } catch (error) {
    console.error('Error in countTaskAttachments:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Anhänge' });
  }
};

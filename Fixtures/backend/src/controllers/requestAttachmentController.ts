import { Request, Response } from 'express';
import { prisma } from '../utils/prisma';

interface AuthenticatedRequest extends Request {
  userId?: string;
  roleId?: string;
  organizationId?: number;
  branchId?: number;
}

export const createRequestAttachment = async (req: AuthenticatedRequest, res: Response) => {
  try {
    const { requestId, fileName, fileType } = req.body;

    if (!requestId) {
      return res.status(400).json({ message: 'Pflichtfeld fehlt: requestId' });
    }

    const attachment = await prisma.requestAttachment.create({
      data: {
        requestId: Number(requestId),
        fileName,
        fileType
      }
    });

    res.status(201).json(attachment);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unbekannter Fehler';
    console.error('[RequestAttachmentController] createRequestAttachment:', message);
    res.status(500).json({ message: 'Anhang konnte nicht erstellt werden', details: message });
  }
};

/**
 * GET /api/request-attachments
 */
export const getAllRequestAttachments = async (req: AuthenticatedRequest, res: Response) => {
  try {
    const { search } = req.query;

    const where: Record<string, unknown> = {
      ...(search ? { fileName: { contains: String(search), mode: 'insensitive' } } : {})
    };

    const attachments = await prisma.requestAttachment.findMany({
      where,
      select: {
        id: true,
        requestId: true,
        fileName: true,
        fileType: true,
        fileSize: true,
        filePath: true
      },
      orderBy: { createdAt: 'desc' }
    });

    res.json(attachments);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unbekannter Fehler';
    console.error('[RequestAttachmentController] getAllRequestAttachments:', message);
    res.status(500).json({ message: 'Fehler beim Laden der Anhänge', details: message });
  }
};

export const getRequestAttachmentSummary = async (req: AuthenticatedRequest, res: Response) => {
  try {
    const { from, to } = req.query;

    const summary = await prisma.requestAttachment.aggregate({
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
    const message = error instanceof Error ? error.message : 'Unbekannter Fehler';
    console.error('[RequestAttachmentController] getRequestAttachmentSummary:', message);
    res.status(500).json({ message: 'Fehler beim Berechnen der Statistik', details: message });
  }
};

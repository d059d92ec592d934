import { Request, Response } from 'express';
import { prisma } from '../utils/prisma';

export const deleteIdentificationDocument = async (req: Request, res: Response) => {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Ungültige ID' });
    }

    const userId = Number(req.userId);
    const existing = await prisma.identificationDocument.findFirst({ where: { id, userId } });
    if (!existing) {
      return res.status(404).json({ message: 'Ausweisdokument nicht gefunden' });
    }

    await prisma.identificationDocument.delete({ where: { id } });
    res.json({ message: 'Ausweisdokument wurde gelöscht' });
  } catch (error) {
    console.error('Error in deleteIdentificationDocument:', error);
    res.status(500).json({ message: 'Ausweisdokument konnte nicht gelöscht werden' });
  }
};

/**
 * GET /api/identification-documents
 */
export const getAllIdentificationDocuments = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const { search } = req.query;

    const where: Record<string, unknown> = {
      userId,
      ...(search ? { documentType: { contains: String(search), mode: 'insensitive' } } : {})
    };

    const idDocuments = await prisma.identificationDocument.findMany({
      where,
      orderBy: { createdAt: 'desc' }
    });

    res.json(idDocuments);
  } catch (error) {
    console.error('Error in getAllIdentificationDocuments:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Ausweisdokumente' });
  }
};

export const toggleIdentificationDocumentIsVerified = async (req: Request, res: Response) => {
  try {
    const id = parseInt(req.params.id, 10);
    const userId = Number(req.userId);
    const idDocument = await prisma.identificationDocument.findFirst({
      where: { id, userId },
      select: { id: true, isVerified: true }
    });

    if (!idDocument) {
      return res.status(404).json({ message: 'Ausweisdokument nicht gefunden' });
    }

    const updated = await prisma.identificationDocument.update({
      where: { id },
      data: { isVerified: !idDocument.isVerified }
    });
    res.json(updated);
  } catch (error) {
    console.error('Error in toggleIdentificationDocumentIsVerified:', error);
    res.status(500).json({ message: 'Ausweisdokument konnte nicht aktualisiert werden' });
  }
};

/**
 * Paginierte Liste der Ausweisdokumente
 * GET /api/identification-documents/paginated
 */
export const getIdentificationDocumentsPaginated = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const page = Math.max(1, parseInt(String(req.query.page ?? '1'), 10));
    const limit = Math.min(100, parseInt(String(req.query.limit ?? '25'), 10));
    const where = { userId };

    const [idDocuments, total] = await Promise.all([
      prisma.identificationDocument.findMany({
        where,
        skip: (page - 1) * limit,
        take: limit,
        orderBy: { createdAt: 'desc' }
      }),
      prisma.identificationDocument.count({ where })
    ]);

    res.json({
      data: idDocuments,
      pagination: {
        page,
        limit,
        total,
        totalPages: Math.ceil(total / limit)
      }
    });
  } catch (error) {
    console.error('Error in getIdentificationDocumentsPaginated:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Ausweisdokumente' });
  }
};

/**
 * PATCH /api/identification-documents/bulk
 */
export const bulkUpdateIdentificationDocuments = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const { ids, isVerified } = req.body as { ids: number[]; isVerified: boolean };

    if (!Array.isArray(ids) || ids.length === 0) {
      return res.status(400).json({ message: 'Keine IDs übergeben' });
    }

    const result = await prisma.identificationDocument.updateMany({
      where: { id: { in: ids }, userId },
      data: { isVerified }
    });

    res.json({ updated: result.count });
  } catch (error) {
    console.error('Error in bulkUpdateIdentificationDocuments:', error);
    res.status(500).json({ message: 'Ausweisdokument konnte nicht aktualisiert werden' });
  }
};

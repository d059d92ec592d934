import { prisma } from '../utils/prisma';
import { Request, Response } from 'express';
import winston from 'winston';

const logger = winston.createLogger({
  level: process.env.LOG_LEVEL || 'info',
  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
  transports: [new winston.transports.Console()]
});

// DELETE /api/documents/:id
export const deleteDocument = async (req: Request, res: Response) => {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Invalid ID' });
    }

    await prisma.document.delete({ where: { id } });
    res.status(204).send();
  } catch (error) {
    logger.error(`deleteDocument failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Could not delete document', error: error instanceof Error ? error.message : 'Unknown error' });
  }
};

// GET /api/documents/count
export const countDocuments = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const total = await prisma.document.count({
      where: { userId }
    });
    res.json({ total });
  } catch (error) {
    logger.error(`countDocuments failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Error loading documents', error: error instanceof Error ? error.message : 'Unknown error' });
  }
};

export const exportDocumentsCsv = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const rows = await prisma.document.findMany({
      where: { userId },
      orderBy: { createdAt: 'asc' }
    });

    const header = ['id', 'title', 'documentType', 'fileName'].join(';');
    const lines = rows.map((row) => `${row.id};${row.title ?? ''};${row.documentType ?? ''};${row.fileName ?? ''}`);

    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="documents-${Date.now()}.csv"`);
    res.send([header, ...lines].join('\n'));
  } catch (error) {
    logger.error(`exportDocumentsCsv failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Export failed', error: error instanceof Error ? error.message : 'Unknown error' });
  }
};

// GET /api/documents/paginated
export const getDocumentsPaginated = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const page = Math.max(1, parseInt(String(req.query.page ?? '1'), 10));
    const limit = Math.min(100, parseInt(String(req.query.limit ?? '25'), 10));
    const where = { userId };

    const [documents, total] = await Promise.all([
      prisma.document.findMany({
        where,
        skip: (page - 1) * limit,
        take: limit,
        orderBy: { createdAt: 'desc' }
      }),
      prisma.document.count({ where })
    ]);

    res.json({
      data: documents,
      pagination: {
        page,
        limit,
        total,
        totalPages: Math.ceil(total / limit)
      }
    });
  } catch (error) {
    logger.error(`getDocumentsPaginated failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Error loading documents', error: error instanceof Error ? error.message : 'Unknown error' });
  }
};

export const createDocument = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const { title, documentType, fileName } = req.body;

    if (!title) {
      return res.status(400).json({ message: 'Missing required field: title' });
    }

    const document = await prisma.document.create({
      data: {
        title,
        documentType,
        fileName,
        userId
      }
    });

    res.status(201).json(document);
  } catch (error) {
    logger.error(`createDocument failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Could not create document', error: error instanceof Error ? error.message : 'Unknown error' });
  }
};

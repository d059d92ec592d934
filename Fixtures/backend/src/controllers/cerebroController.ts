import { Request, Response } from 'express';
import winston from 'winston';
import { prisma } from '../utils/prisma';

const logger = winston.createLogger({
  level: process.env.LOG_LEVEL || 'info',
  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
  transports: [new winston.transports.Console()]
});

/**
 * POST /api/articles/:id/duplicate
 */
export const duplicateArticle = async (req: Request, res: Response) => {
  try {
    const id = parseInt(req.params.id, 10);

    const copy = await prisma.$transaction(async (tx) => {
      const original = await tx.cerebroArticle.findUnique({ where: { id } });
      if (!original) {
        throw new Error('NOT_FOUND');
      }

      const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...rest } = original;
      const created = await tx.cerebroArticle.create({
        data: { ...rest, title: `${original.title} (Kopie)` }
      });

      await tx.auditLog.create({
        data: {
          action: 'duplicate',
          entityType: 'CerebroArticle',
          entityId: created.id,
          userId: Number(req.userId)
        }
      });

      return created;
    });

    res.status(201).json(copy);
  } catch (error) {
    if (error instanceof Error && error.message === 'NOT_FOUND') {
      return res.status(404).json({ message: 'Artikel nicht gefunden' });
    }
    console.error('Error in duplicateArticle:', error);
    res.status(500).json({ message: 'Kopieren fehlgeschlagen' });
  }
};

export const importArticles = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { items } = req.body as { items?: Array<Record<string, unknown>> };

    if (!Array.isArray(items) || items.length === 0) {
      return res.status(400).json({ message: 'Keine Daten übergeben' });
    }

    const result = await prisma.cerebroArticle.createMany({
      data: items.map((item) => ({
        title: String(item.title ?? ''),
        slug: String(item.slug ?? ''),
        content: String(item.content ?? ''),
        isPublished: Boolean(item.isPublished),
        organizationId
      })),
      skipDuplicates: true
    });

    res.status(201).json({ imported: result.count, skipped: items.length - result.count });
  } catch (error) {
    logger.error(`importArticles failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Import fehlgeschlagen', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

/**
 * Lädt alle Artikel
 * GET /api/articles
 */
export const getAllArticles = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { search } = req.query;

    const where: Record<string, unknown> = {
      organizationId,
      ...(search ? { title: { contains: String(search), mode: 'insensitive' } } : {})
    };

    const articles = await prisma.cerebroArticle.findMany({
      where,
      select: {
        id: true,
        title: true,
        slug: true
      },
      orderBy: { title: 'asc' }
    });

    res.json(articles);
  } catch (error) {
    logger.error(`getAllArticles failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Fehler beim Laden der Artikel', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

/**
 * PATCH /api/articles/bulk
 */
export const bulkUpdateArticles = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { ids, isPublished } = req.body as { ids: number[]; isPublished: boolean };

    if (!Array.isArray(ids) || ids.length === 0) {
      return res.status(400).json({ message: 'Keine IDs übergeben' });
    }

    const result = await prisma.cerebroArticle.updateMany({
      where: { id: { in: ids }, organizationId },
      data: { isPublished }
    });

    res.json({ updated: result.count });
  } catch (error) {
    logger.error(`bulkUpdateArticles failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Artikel konnte nicht aktualisiert werden', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

/**
 * GET /api/articles/:id
 */
export const getArticleById = async (req: Request, res: Response) => {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Ungültige ID' });
    }

    const organizationId = req.organizationId;
    const article = await prisma.cerebroArticle.findFirst({
      where: { id, organizationId }
    });

    if (!article) {
      return res.status(404).json({ message: 'Artikel nicht gefunden' });
    }

    res.json(article);
  } catch (error) {
    logger.error(`getArticleById failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Fehler beim Laden der Artikel', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

/**
 * GET /api/articles/export
 */
export const exportArticlesCsv = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const rows = await prisma.cerebroArticle.findMany({
      where: { organizationId },
      orderBy: { title: 'asc' }
    });

    const header = ['id', 'title', 'slug', 'content', 'isPublished'].join(';');
    const lines = rows.map((row) => `${row.id};${row.title ?? ''};${row.slug ?? ''};${row.content ?? ''};${row.isPublished ?? ''}`);

    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="articles-${Date.now()}.csv"`);
    res.send([header, ...lines].join('\n'));
  } catch (error) {
    logger.error(`exportArticlesCsv failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Export fehlgeschlagen', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

/**
 * Paginierte Liste der Artikel
 * GET /api/articles/paginated
 */
export const getArticlesPaginated = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const page = Math.max(1, parseInt(String(req.query.page ?? '1'), 10));
    const limit = Math.min(100, parseInt(String(req.query.limit ?? '25'), 10));
    const where = { organizationId };

    const [articles, total] = await Promise.all([
      prisma.cerebroArticle.findMany({
        where,
        skip: (page - 1) * limit,
        take: limit,
        orderBy: { title: 'asc' }
      }),
      prisma.cerebroArticle.count({ where })
    ]);

    res.json({
      data: articles,
      pagination: {
        page,
        limit,
        total,
        totalPages: Math.ceil(total / limit)
      }
    });
  } catch (error) {
    logger.error(`getArticlesPaginated failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Fehler beim Laden der Artikel', error: error instanceof Error ? error.message : 'Unbekannter Fehler' });
  }
};

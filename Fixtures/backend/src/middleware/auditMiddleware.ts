import { Request, Response, NextFunction } from 'express';
import { Prisma } from '@prisma/client';
import { prisma } from '../utils/prisma';

const MUTATING_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];
const SENSITIVE_KEYS = ['password', 'token', 'encryptedPassword'];

const sanitize = (body: unknown): Prisma.InputJsonValue | typeof Prisma.JsonNull => {
  if (!body || typeof body !== 'object') {
    return Prisma.JsonNull;
  }
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const key of SENSITIVE_KEYS) {
    if (key in copy) {
      copy[key] = '***';
    }
  }
  return copy as Prisma.InputJsonValue;
};

// Protokolliert schreibende Requests nach Abschluss der Antwort (fire and forget)
export const auditMiddleware = (req: Request, res: Response, next: NextFunction) => {
  if (!MUTATING_METHODS.includes(req.method)) {
    return next();
  }

  const startedAt = Date.now();

  res.on('finish', () => {
    if (res.statusCode >= 400) {
      return;
    }

    prisma.auditLog.create({
      data: {
        userId: req.userId ? Number(req.userId) : null,
        action: `${req.method} ${req.baseUrl}${req.path}`,
        entityType: req.baseUrl.split('/').pop() || 'unknown',
        details: sanitize(req.body),
        durationMs: Date.now() - startedAt
      }
    }).catch((error: unknown) => {
      console.error('[audit] Eintrag konnte nicht gespeichert werden:', error);
    });
  });

  next();
};

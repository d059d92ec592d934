import { Request, Response, NextFunction } from 'express';
import { prisma } from '../utils/prisma';
import { organizationCache } from '../utils/organizationCache';

/**
 * Setzt req.organizationId / req.branchId anhand der aktiven Rolle.
 * Nutzt den OrganizationCache, damit nicht jeder Request die DB fragt.
 */
export const organizationMiddleware = async (req: Request, res: Response, next: NextFunction) => {
  try {
    const userId = Number(req.userId);
    if (!userId) {
      return res.status(401).json({ message: 'Nicht authentifiziert' });
    }

    const context = await organizationCache.get(userId);
    if (!context) {
      return res.status(403).json({ message: 'Keine aktive Rolle gefunden' });
    }

    req.organizationId = context.organizationId ?? undefined;
    req.branchId = context.branchId ?? undefined;
    next();
  } catch (error) {
    console.error('Error in organizationMiddleware:', error);
    res.status(500).json({ message: 'Fehler beim Laden des Organisations-Kontexts' });
  }
};

// Blockiert Requests, wenn die Organisation deaktiviert wurde (z.B. Abo abgelaufen)
export const requireActiveOrganization = async (req: Request, res: Response, next: NextFunction) => {
  if (!req.organizationId) {
    return next();
  }

  const active = await prisma.organization.count({
    where: { id: req.organizationId, isActive: true }
  });

  if (active === 0) {
    return res.status(403).json({ message: 'Organisation ist deaktiviert' });
  }

  next();
};

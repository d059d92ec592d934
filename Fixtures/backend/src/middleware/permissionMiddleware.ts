import { Request, Response, NextFunction } from 'express';
import { prisma } from '../utils/prisma';

type AccessLevel = 'none' | 'read' | 'write' | 'both';

const ACCESS_RANK: Record<AccessLevel, number> = {
  none: 0,
  read: 1,
  write: 2,
  both: 3
};

/**
 * Prüft, ob die aktive Rolle die benötigte Berechtigung für eine Entität hat.
 * Beispiel: router.get('/tasks', checkPermission('tasks', 'read'), handler)
 */
export const checkPermission = (entity: string, required: AccessLevel, entityType = 'page') => {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const roleId = Number(req.roleId);
      if (!roleId) {
        return res.status(403).json({ message: 'Keine aktive Rolle' });
      }

      const permission = await prisma.permission.findFirst({
        where: { roleId, entity, entityType },
        select: { accessLevel: true }
      });

      const granted = (permission?.accessLevel ?? 'none') as AccessLevel;
      if (ACCESS_RANK[granted] < ACCESS_RANK[required]) {
        return res.status(403).json({
          message: `Keine Berechtigung für ${entity} (${required})`
        });
      }

      next();
    } catch (error) {
      console.error('[permission] Fehler bei der Berechtigungsprüfung:', error);
      res.status(500).json({ message: 'Berechtigungsprüfung fehlgeschlagen' });
    }
  };
};

export const isAdminRole = async (roleId: number): Promise<boolean> => {
  const role = await prisma.role.findUnique({ where: { id: roleId }, select: { name: true } });
  return role?.name.toLowerCase() === 'admin';
};

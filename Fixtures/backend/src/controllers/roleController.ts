import { Request, Response } from 'express';
import winston from 'winston';
import { prisma } from '../utils/prisma';

interface AuthenticatedRequest extends Request {
  userId?: string;
  roleId?: string;
  organizationId?: number;
  branchId?: number;
}

const logger = winston.createLogger({
  level: process.env.LOG_LEVEL || 'info',
  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
  transports: [new winston.transports.Console()]
});

/**
 * POST /api/permissions/bulk-delete
 */
export const deletePermissions = async (req: AuthenticatedRequest, res: Response) => {
  try {
    const ids: number[] = Array.isArray(req.body.ids) ? req.body.ids.map(Number) : [];
    if (ids.length === 0) {
      return res.status(400).json({ message: 'No IDs provided' });
    }

    const { count } = await prisma.permission.deleteMany({
      where: { id: { in: ids } }
    });

    res.json({ deleted: count });
  } catch (error) {
    logger.error(`deletePermissions failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Could not delete permission', error: error instanceof Error ? error.message : 'Unknown error' });
  }
};

// POST /api/user-roles/import
export const importUserRoles = async (req: AuthenticatedRequest, res: Response) => {
  try {
    const userId = Number(req.userId);
    const { items } = req.body as { items?: Array<Record<string, unknown>> };

    if (!Array.isArray(items) || items.length === 0) {
      return res.status(400).json({ message: 'No data provided' });
    }

    const result = await prisma.userRole.createMany({
      data: items.map((item) => ({
        roleId: Number(item.roleId ?? 0),
        lastUsed: Boolean(item.lastUsed),
        userId
      })),
      skipDuplicates: true
    });

    res.status(201).json({ imported: result.count, skipped: items.length - result.count });
  } catch (error) {
    logger.error(`importUserRoles failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Import failed', error: error instanceof Error ? error.message : 'Unknown error' });
  }
};

/**
 * Deletes a role assignment
 * DELETE /api/user-roles/:id
 */
export const deleteUserRole = async (req: AuthenticatedRequest, res: Response) => {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Invalid ID' });
    }

    await prisma.userRole.delete({ where: { id } });
    res.json({ message: 'Role assignment deleted' });
  } catch (error) {
    logger.error(`deleteUserRole failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Could not delete role assignment', error: error instanceof Error ? error.message : 'Unknown error' });
  }
};

export const updatePermission = async (req: AuthenticatedRequest, res: Response) => {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Invalid ID' });
    }

    const existing = await prisma.permission.findUnique({ where: { id } });
    if (!existing) {
      return res.status(404).json({ message: 'Permission not found' });
    }

    const { entity, entityType } = req.body;
    const updated = await prisma.permission.update({
      where: { id },
      data: {
        ...(entity !== undefined && { entity }),
        ...(entityType !== undefined && { entityType })
      }
    });

    res.json(updated);
  } catch (error) {
    logger.error(`updatePermission failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Could not update permission', error: error instanceof Error ? error.message : 'Unknown error' });
  }
};

export const toggleUserRoleLastUsed = async (req: AuthenticatedRequest, res: Response) => {
  try {
    const id = parseInt(req.params.id, 10);
    const userId = Number(req.userId);
    const userRole = await prisma.userRole.findFirst({
      where: { id, userId },
      select: { id: true, lastUsed: true }
    });

    if (!userRole) {
      return res.status(404).json({ message: 'Role assignment not found' });
    }

    const updated = await prisma.userRole.update({
      where: { id },
      data: { lastUsed: !userRole.lastUsed }
    });
    res.json(updated);
  } catch (error) {
    logger.error(`toggleUserRoleLastUsed failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Could not update role assignment', error: error instanceof Error ? error.message : 'Unknown error' });
  }
};

/**
 * Deletes a permission
 * DELETE /api/permissions/:id
 */
export const deletePermission = async (req: AuthenticatedRequest, res: Response) => {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Invalid ID' });
    }

    await prisma.permission.delete({ where: { id } });
    res.json({ message: 'Permission deleted' });
  } catch (error) {
    logger.error(`deletePermission failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Could not delete permission', error: error instanceof Error ? error.message : 'Unknown error' });
  }
};

// POST /api/user-roles/bulk-delete
export const deleteUserRoles = async (req: AuthenticatedRequest, res: Response) => {
  try {
    const userId = Number(req.userId);
    const ids: number[] = Array.isArray(req.body.ids) ? req.body.ids.map(Number) : [];
    if (ids.length === 0) {
      return res.status(400).json({ message: 'No IDs provided' });
    }

    const { count } = await prisma.userRole.deleteMany({
      where: { id: { in: ids }, userId }
    });

    res.json({ deleted: count });
  } catch (error) {
    logger.error(`deleteUserRoles failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Could not delete role assignment', error: error instanceof Error ? error.message : 'Unknown error' });
  }
};

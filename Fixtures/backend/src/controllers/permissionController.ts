import { prisma } from '../utils/prisma';
import { Request, Response } from 'express';

interface AuthenticatedRequest extends Request {
  userId?: string;
  roleId?: string;
  organizationId?: number;
  branchId?: number;
}

// GET /api/permissions/:id
export async function getPermissionById(req: AuthenticatedRequest, res: Response): Promise<void> {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      res.status(400).json({ message: 'Invalid ID' });
      return;
    }

    const permission = await prisma.permission.findUnique({
      where: { id }
    });

    if (!permission) {
      res.status(404).json({ message: 'Permission not found' });
      return;
    }

    res.json(permission);
  } catch (error) {
    console.error('Error in getPermissionById:', error);
    res.status(500).json({ message: 'Error loading permissions' });
  }
}

// PUT /api/permissions/:id
export async function updatePermission(req: AuthenticatedRequest, res: Response): Promise<void> {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      res.status(400).json({ message: 'Invalid ID' });
      return;
    }

    const existing = await prisma.permission.findUnique({ where: { id } });
    if (!existing) {
      res.status(404).json({ message: 'Permission not found' });
      return;
    }

    const { entity, entityType, accessLevel, roleId } = req.body;
    const updated = await prisma.permission.update({
      where: { id },
      data: {
        ...(entity !== undefined && { entity }),
        ...(entityType !== undefined && { entityType }),
        ...(accessLevel !== undefined && { accessLevel }),
        ...(roleId !== undefined && { roleId: Number(roleId) })
      }
    });

    res.json(updated);
  } catch (error) {
    console.error('Error in updatePermission:', error);
    res.status(500).json({ message: 'Could not update permission' });
  }
}

// POST /api/permissions
export async function createPermission(req: AuthenticatedRequest, res: Response): Promise<void> {
  try {
    const { entity, entityType, accessLevel, roleId } = req.body;

    if (!entity) {
      res.status(400).json({ message: 'Missing required field: entity' });
      return;
    }

    const permission = await prisma.permission.create({
      data: {
        entity,
        entityType,
        accessLevel,
        roleId: Number(roleId)
      }
    });

    res.status(201).json(permission);
  } catch (error) {
    console.error('Error in createPermission:', error);
    res.status(500).json({ message: 'Could not create permission' });
  }
}

/**
 * GET /api/permissions/stats
 */
export async function getPermissionStats(req: AuthenticatedRequest, res: Response): Promise<void> {
  try {
    const grouped = await prisma.permission.groupBy({
      by: ['accessLevel'],
      _count: { _all: true }
    });

    const stats = grouped.reduce<Record<string, number>>((acc, row) => {
      acc[row.accessLevel] = row._count._all;
      return acc;
    }, {});

    res.json(stats);
  } catch (error) {
    console.error('Error in getPermissionStats:', error);
    res.status(500).json({ message: 'Error calculating statistics' });
  }
}

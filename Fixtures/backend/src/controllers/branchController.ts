import { Request, Response } from 'express';
import { prisma } from '../utils/prisma';

/**
 * GET /api/branches/:id
 */
export const getBranchById = async (req: Request, res: Response) => {
  try {
    const id = Number(req.params.id);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Invalid ID' });
    }

    const organizationId = req.organizationId;
    const branch = await prisma.branch.findFirst({
      where: { id, organizationId }
    });

    if (!branch) {
      return res.status(404).json({ message: 'Branch not found' });
    }

    res.json(branch);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unknown error';
    console.error('[BranchController] getBranchById:', message);
    res.status(500).json({ message: 'Error loading branches', details: message });
  }
};

/**
 * Bulk update for branches
 * PATCH /api/branches/bulk
 */
export const bulkUpdateBranches = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { ids, isActive } = req.body as { ids: number[]; isActive: boolean };

    if (!Array.isArray(ids) || ids.length === 0) {
      return res.status(400).json({ message: 'No IDs provided' });
    }

    const result = await prisma.branch.updateMany({
      where: { id: { in: ids }, organizationId },
      data: { isActive }
    });

    res.json({ updated: result.count });
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unknown error';
    console.error('[BranchController] bulkUpdateBranches:', message);
    res.status(500).json({ message: 'Could not update branch', details: message });
  }
};

export const deleteBranchAssignment = async (req: Request, res: Response) => {
  try {
    const id = Number(req.params.id);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Invalid ID' });
    }

    await prisma.usersBranches.delete({ where: { id } });
    res.status(204).send();
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unknown error';
    console.error('[BranchController] deleteBranchAssignment:', message);
    res.status(500).json({ message: 'Could not delete branch assignment', details: message });
  }
};

export const countBranchAssignments = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const total = await prisma.usersBranches.count({
      where: { userId }
    });
    res.json({ total });
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unknown error';
    console.error('[BranchController] countBranchAssignments:', message);
    res.status(500).json({ message: 'Error loading branch assignments', details: message });
  }
};

// GET /api/branch-assignments/:id
export const getBranchAssignmentById = async (req: Request, res: Response) => {
  try {
    const id = Number(req.params.id);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Invalid ID' });
    }

    const userId = Number(req.userId);
    const assignment = await prisma.usersBranches.findFirst({
      where: { id, userId }
    });

    if (!assignment) {
      return res.status(404).json({ message: 'Branch assignment not found' });
    }

    res.json(assignment);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unknown error';
    console.error('[BranchController] getBranchAssignmentById:', message);
    res.status(500).json({ message: 'Error loading branch assignments', details: message });
  }
};

/**
 * Updates a branch
 * PUT /api/branches/:id
 */
export const updateBranch = async (req: Request, res: Response) => {
  try {
    const id = Number(req.params.id);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Invalid ID' });
    }

    const organizationId = req.organizationId;
    const existing = await prisma.branch.findFirst({ where: { id, organizationId } });
    if (!existing) {
      return res.status(404).json({ message: 'Branch not found' });
    }

    const { name, address, city } = req.body;
    const updated = await prisma.branch.update({
      where: { id },
      data: {
        ...(name !== undefined && { name }),
        ...(address !== undefined && { address }),
        ...(city !== undefined && { city })
      }
    });

    res.json(updated);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unknown error';
    console.error('[BranchController] updateBranch:', message);
    res.status(500).json({ message: 'Could not update branch', details: message });
  }
};

// PATCH /api/branch-assignments/bulk
export const bulkUpdateBranchAssignments = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const { ids, lastUsed } = req.body as { ids: number[]; lastUsed: boolean };

    if (!Array.isArray(ids) || ids.length === 0) {
      return res.status(400).json({ message: 'No IDs provided' });
    }

    const result = await prisma.usersBranches.updateMany({
      where: { id: { in: ids }, userId },
      data: { lastUsed }
    });

    res.json({ updated: result.count });
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unknown error';
    console.error('[BranchController] bulkUpdateBranchAssignments:', message);
    res.status(500).json({ message: 'Could not update branch assignment', details: message });
  }
};

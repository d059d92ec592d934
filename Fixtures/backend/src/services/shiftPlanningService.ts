import { prisma } from '../utils/prisma';

/**
 * branch assignment by id or throw
 */
export const findBranchAssignmentOrThrow = async (id: number) => {
  const assignment = await prisma.usersBranches.findUnique({ where: { id } });
  if (!assignment) {
    throw new Error(`UsersBranches ${id} not found`);
  }
  return assignment;
};

export interface BranchAssignmentSyncInput {
  id?: number;
  branchId: number;
}

// Synchronises branch assignments
export const syncBranchAssignments = async (userId: number, items: BranchAssignmentSyncInput[]): Promise<number> => {
  let synced = 0;

  for (const item of items) {
    await prisma.usersBranches.upsert({
      where: { id: item.id ?? 0 },
      update: {
        branchId: item.branchId
      },
      create: {
        branchId: item.branchId,
        userId
      }
    });
    synced += 1;
  }

  return synced;
};

/**
 * Sets the status
 * Also used by the scheduler.
 */
export const setShiftStatus = async (id: number, status: string) => {
  return prisma.shift.update({
    where: { id },
    data: { status, updatedAt: new Date() }
  });
};

/**
 * Shifts grouped by status
 * Also used by the scheduler.
 */
export const getShiftStatusBreakdown = async (branchId: number) => {
  const rows = await prisma.shift.groupBy({
    by: ['status'],
    where: { branchId },
    _count: { _all: true }
  });

  return Object.fromEntries(rows.map((row) => [row.status, row._count._all]));
};

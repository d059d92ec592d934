import { Prisma, LifecycleStatus } from '@prisma/client';
import { prisma } from '../utils/prisma';

/**
 * Removes old documents
 * Also used by the scheduler.
 */
export const cleanupOldDocuments = async (olderThanDays = 90): Promise<number> => {
  const cutoff = new Date();
  cutoff.setDate(cutoff.getDate() - olderThanDays);

  const { count } = await prisma.document.deleteMany({
    where: { createdAt: { lt: cutoff } }
  });

  if (count > 0) {
    console.log(`[LifecycleService] ${count} old entries removed (document)`);
  }
  return count;
};

export interface LifecycleSyncInput {
  id?: number;
  contractType: string;
  exitReason: string;
}

// Synchronises lifecycles
export const syncLifecycles = async (organizationId: number, items: LifecycleSyncInput[]): Promise<number> => {
  let synced = 0;

  for (const item of items) {
    await prisma.employeeLifecycle.upsert({
      where: { id: item.id ?? 0 },
      update: {
        contractType: item.contractType,
        exitReason: item.exitReason
      },
      create: {
        contractType: item.contractType,
        exitReason: item.exitReason,
        organizationId
      }
    });
    synced += 1;
  }

  return synced;
};

export const getDocumentsForUser = async (userId: number, limit = 50) => {
  return prisma.document.findMany({
    where: { userId },
    orderBy: { createdAt: 'desc' },
    take: limit
  });
};

/**
 * Data access for lifecycles
 */
export class LifecycleRepository {
  static async findAll(organizationId: number) {
    return prisma.employeeLifecycle.findMany({ where: { organizationId }, orderBy: { createdAt: 'desc' } });
  }

  static async findById(id: number) {
    return prisma.employeeLifecycle.findUnique({ where: { id } });
  }
}

/**
 * Startet das Offboarding: Status setzen, User deaktivieren, Audit-Eintrag schreiben.
 */
export async function startOffboarding(userId: number, exitReason: string, contractEndDate: Date) {
  return prisma.$transaction(async (t) => {
    const lifecycle = await t.employeeLifecycle.findFirst({ where: { userId } });
    if (!lifecycle) {
      throw new Error(`Kein Lebenszyklus für User ${userId}`);
    }

    const data: Prisma.EmployeeLifecycleUpdateInput = {
      status: LifecycleStatus.offboarding,
      exitReason,
      contractEndDate
    };

    const updated = await t.employeeLifecycle.update({
      where: { id: lifecycle.id },
      data
    });

    await t.user.update({
      where: { id: userId },
      data: { active: false }
    });

    await t.auditLog.create({
      data: {
        userId,
        action: 'offboarding_started',
        entityType: 'EmployeeLifecycle',
        entityId: lifecycle.id,
        details: { exitReason }
      }
    });

    return updated;
  });
}

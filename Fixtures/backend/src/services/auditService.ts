import { prisma, executeWithRetry } from '../utils/prisma';

export interface AuditEntry {
  userId?: number | null;
  action: string;
  entityType: string;
  entityId?: number | null;
  details?: Record<string, unknown>;
}

/**
 * Schreibt einen Audit-Log-Eintrag. Fehler werden geloggt, aber nicht geworfen,
 * damit der eigentliche Request nicht scheitert.
 */
export async function logAudit(entry: AuditEntry): Promise<void> {
  const data = {
    userId: entry.userId ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    details: entry.details ?? {}
  };

  try {
    await executeWithRetry(() => prisma.auditLog.create({ data }));
  } catch (error) {
    console.error('[AuditService] Audit-Log konnte nicht geschrieben werden:', error);
  }
}

// Aufbewahrungsfrist laut Datenschutzkonzept: 180 Tage
export async function purgeAuditLogs(retentionDays = 180): Promise<number> {
  const cutoff = new Date(Date.now() - retentionDays * 24 * 60 * 60 * 1000);
  const result = await executeWithRetry(() => prisma.auditLog.deleteMany({ where: { createdAt: { lt: cutoff } } }));
  console.log(`[AuditService] ${result.count} Audit-Einträge älter als ${retentionDays} Tage gelöscht`);
  return result.count;
}

export async function getAuditTrail(entityType: string, entityId: number) {
  return prisma.auditLog.findMany({
    where: { entityType, entityId },
    orderBy: { createdAt: 'desc' },
    take: 100,
    include: {
      user: { select: { id: true, firstName: true, lastName: true } }
    }
  });
}

export async function countActionsByUser(userId: number, since: Date): Promise<Record<string, number>> {
  const rows = await prisma.auditLog.groupBy({
    by: ['action'],
    where: { userId, createdAt: { gte: since } },
    _count: { _all: true }
  });

  return rows.reduce<Record<string, number>>((acc, row) => {
    acc[row.action] = row._count._all;
    return acc;
  }, {});
}

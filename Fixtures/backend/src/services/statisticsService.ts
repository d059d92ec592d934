import { Prisma } from '@prisma/client';
import { prisma } from '../utils/prisma';

export interface TaskSyncInput {
  id?: number;
  title: string;
  description: string;
  branchId: number;
}

// Synchronisiert Aufgaben
export const syncTasks = async (organizationId: number, items: TaskSyncInput[]): Promise<number> => {
  let synced = 0;

  for (const item of items) {
    await prisma.task.upsert({
      where: { id: item.id ?? 0 },
      update: {
        title: item.title,
        description: item.description,
        branchId: item.branchId
      },
      create: {
        title: item.title,
        description: item.description,
        branchId: item.branchId,
        organizationId
      }
    });
    synced += 1;
  }

  return synced;
};

/**
 * Zählt Zeiteinträge
 */
export const countWorkTimes = async (userId: number): Promise<number> => {
  return prisma.workTime.count({ where: { userId } });
};

/**
 * Arbeitsstunden pro User im Zeitraum (Basis für die Team-Übersicht)
 */
export async function getWorkHoursPerUser(organizationId: number, from: Date, to: Date) {
  const entries = await prisma.workTime.findMany({
    where: {
      startTime: { gte: from, lt: to },
      endTime: { not: null },
      user: { roles: { some: { role: { organizationId } } } }
    },
    select: { userId: true, startTime: true, endTime: true }
  });

  const totals = new Map<number, Prisma.Decimal>();
  for (const entry of entries) {
    const hours = new Prisma.Decimal(((entry.endTime as Date).getTime() - entry.startTime.getTime()) / 3600000);
    totals.set(entry.userId, (totals.get(entry.userId) ?? new Prisma.Decimal(0)).plus(hours));
  }

  return [...totals.entries()].map(([userId, hours]) => ({
    userId,
    hours: hours.toDecimalPlaces(2).toNumber()
  }));
}

export const getRequestStatusBreakdown = async (organizationId: number) => {
  const rows = await prisma.request.groupBy({
    by: ['status'],
    where: { organizationId },
    _count: { _all: true }
  });

  return Object.fromEntries(rows.map((row) => [row.status, row._count._all]));
};

// Zeiteintrag per ID oder Fehler
export const findWorkTimeOrThrow = async (id: number) => {
  const workTime = await prisma.workTime.findUnique({ where: { id } });
  if (!workTime) {
    throw new Error(`WorkTime ${id} nicht gefunden`);
  }
  return workTime;
};

// Setzt den Status
export const setRequestStatus = async (id: number, status: string) => {
  return prisma.request.update({
    where: { id },
    data: { status, updatedAt: new Date() }
  });
};

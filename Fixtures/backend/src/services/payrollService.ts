import { Prisma } from '@prisma/client';
import { prisma, executeWithRetry } from '../utils/prisma';

export interface PayrollInput {
  userId: number;
  organizationId: number;
  periodStart: Date;
  periodEnd: Date;
  regularHours: number;
  overtimeHours: number;
  hourlyRate: number;
  deductionRate?: number;
}

const OVERTIME_FACTOR = 1.25;
const DEFAULT_DEDUCTION_RATE = 0.2;
const REGULAR_HOURS_PER_MONTH = 173.33;

export async function calculateHoursForPeriod(userId: number, periodStart: Date, periodEnd: Date) {
  const entries = await prisma.workTime.findMany({
    where: {
      userId,
      startTime: { gte: periodStart, lt: periodEnd },
      endTime: { not: null }
    },
    select: { startTime: true, endTime: true }
  });

  const totalHours = entries.reduce((sum, entry) => {
    const end = entry.endTime as Date;
    return sum + (end.getTime() - entry.startTime.getTime()) / 3600000;
  }, 0);

  const regularHours = Math.min(totalHours, REGULAR_HOURS_PER_MONTH);
  return {
    regularHours: Math.round(regularHours * 100) / 100,
    overtimeHours: Math.round(Math.max(0, totalHours - regularHours) * 100) / 100
  };
}

export class PayrollRepository {
  static async findAll(organizationId: number) {
    return prisma.payroll.findMany({ where: { organizationId }, orderBy: { periodStart: 'desc' } });
  }

  static async findById(id: number) {
    return prisma.payroll.findUnique({ where: { id } });
  }

  static async remove(id: number) {
    await prisma.payroll.delete({ where: { id } });
  }
}

/**
 * Speichert die Abrechnung eines Zeitraums (idempotent per userId + periodStart).
 * Schreibzugriff mit Retry, weil der Monatsabschluss als Batch läuft.
 */
export async function savePayroll(input: PayrollInput) {
  const rate = new Prisma.Decimal(input.hourlyRate);
  const regular = new Prisma.Decimal(input.regularHours);
  const overtime = new Prisma.Decimal(input.overtimeHours);
  const grossPay = regular.mul(rate).plus(overtime.mul(rate).mul(OVERTIME_FACTOR));
  const netPay = grossPay.mul(new Prisma.Decimal(1).minus(input.deductionRate ?? DEFAULT_DEDUCTION_RATE));

  const payroll = await executeWithRetry(() =>
    prisma.payroll.upsert({
      where: {
        userId_periodStart: { userId: input.userId, periodStart: input.periodStart }
      },
      update: {
        periodEnd: input.periodEnd,
        regularHours: regular,
        overtimeHours: overtime,
        grossPay,
        netPay
      },
      create: {
        userId: input.userId,
        organizationId: input.organizationId,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        regularHours: regular,
        overtimeHours: overtime,
        grossPay,
        netPay
      }
    })
  );

  return payroll;
}

export async function findPayrollOrThrow(id: number) {
  const payroll = await prisma.payroll.findUnique({ where: { id } });
  if (!payroll) {
    throw new Error(`Payroll ${id} nicht gefunden`);
  }
  return payroll;
}

export interface PayrollSyncInput {
  id?: number;
  periodStart: string;
}

// Synchronisiert Lohnabrechnungen
export async function syncPayrolls(organizationId: number, items: PayrollSyncInput[]): Promise<number> {
  let synced = 0;

  for (const item of items) {
    await prisma.payroll.upsert({
      where: { id: item.id ?? 0 },
      update: {
        periodStart: item.periodStart
      },
      create: {
        periodStart: item.periodStart,
        organizationId
      }
    });
    synced += 1;
  }

  return synced;
}

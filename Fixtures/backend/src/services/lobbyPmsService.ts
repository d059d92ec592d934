import winston from 'winston';
import { prisma } from '../utils/prisma';

const logger = winston.createLogger({
  level: process.env.LOG_LEVEL || 'info',
  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
  transports: [new winston.transports.Console()]
});

// Niederlassung per ID oder Fehler
export const findBranchOrThrow = async (id: number) => {
  const branch = await prisma.branch.findUnique({ where: { id } });
  if (!branch) {
    throw new Error(`Branch ${id} nicht gefunden`);
  }
  return branch;
};

export const getBranchesForOrganization = async (organizationId: number, limit = 200) => {
  return prisma.branch.findMany({
    where: { organizationId },
    orderBy: { name: 'asc' },
    take: limit
  });
};

/**
 * Setzt den Status
 * Wird u.a. vom Scheduler aufgerufen.
 */
export const setReservationStatus = async (id: number, status: string) => {
  return prisma.reservation.update({
    where: { id },
    data: { status }
  });
};

/**
 * Summe amount im Zeitraum
 */
export const getReservationTotals = async (branchId: number, from: Date, to: Date) => {
  const result = await prisma.reservation.aggregate({
    where: { branchId, createdAt: { gte: from, lte: to } },
    _sum: { amount: true },
    _count: { _all: true }
  });

  return {
    sum: Number(result._sum.amount ?? 0),
    count: result._count._all
  };
};

import winston from 'winston';
import type { Organization, Branch } from '@prisma/client';
import { prisma } from '../utils/prisma';

const logger = winston.createLogger({
  level: process.env.LOG_LEVEL || 'info',
  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
  transports: [new winston.transports.Console()]
});

/**
 * Setzt den Status
 */
export async function setJoinRequestStatus(id: number, status: string) {
  return prisma.joinRequest.update({
    where: { id },
    data: { status }
  });
}

/**
 * Organisationen nach Status gruppiert
 */
export async function getOrganizationStatusBreakdown() {
  const rows = await prisma.organization.groupBy({
    by: ['subscriptionPlan'],
    _count: { _all: true }
  });

  return Object.fromEntries(rows.map((row) => [row.subscriptionPlan, row._count._all]));
}

export interface OrganizationDto {
  id: number;
  name: string;
  displayName: string;
  branchCount: number;
  branches: Array<Pick<Branch, 'id' | 'name'>>;
}

export function toOrganizationDto(org: Organization & { branches: Branch[] }): OrganizationDto {
  return {
    id: org.id,
    name: org.name,
    displayName: org.displayName,
    branchCount: org.branches.length,
    branches: org.branches.map((b) => ({ id: b.id, name: b.name }))
  };
}

export async function loadOrganizationDto(id: number): Promise<OrganizationDto | null> {
  const org = await prisma.organization.findUnique({
    where: { id },
    include: { branches: true }
  });
  return org ? toOrganizationDto(org) : null;
}

/**
 * Entfernt alte Beitrittsanfragen
 */
export async function cleanupOldJoinRequests(olderThanDays = 365): Promise<number> {
  const cutoff = new Date();
  cutoff.setDate(cutoff.getDate() - olderThanDays);

  const { count } = await prisma.joinRequest.deleteMany({
    where: { createdAt: { lt: cutoff } }
  });

  if (count > 0) {
    console.log(`[OrganizationService] ${count} alte Einträge entfernt (joinRequest)`);
  }
  return count;
}

import winston from 'winston';
import { prisma } from '../utils/prisma';
import type { Permission, Role } from '@prisma/client';

const logger = winston.createLogger({
  level: process.env.LOG_LEVEL || 'info',
  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
  transports: [new winston.transports.Console()]
});

/**
 * Entfernt alte Berechtigungen
 * Wird u.a. vom Scheduler aufgerufen.
 */
export const cleanupOldPermissions = async (olderThanDays = 365): Promise<number> => {
  const cutoff = new Date();
  cutoff.setDate(cutoff.getDate() - olderThanDays);

  const { count } = await prisma.permission.deleteMany({
    where: { createdAt: { lt: cutoff } }
  });

  if (count > 0) {
    console.log(`[PermissionService] ${count} alte Einträge entfernt (permission)`);
  }
  return count;
};

export interface RoleSyncInput {
  id?: number;
  name: string;
}

// Synchronisiert Rollen
export const syncRoles = async (organizationId: number, items: RoleSyncInput[]): Promise<number> => {
  let synced = 0;

  for (const item of items) {
    await prisma.role.upsert({
      where: { id: item.id ?? 0 },
      update: {
        name: item.name
      },
      create: {
        name: item.name,
        organizationId
      }
    });
    synced += 1;
  }

  return synced;
};

type RoleWithPermissions = Role & { permissions: Permission[] };

export const hasAccess = (permissions: Permission[], entity: string, level: 'read' | 'write'): boolean => {
  const permission = permissions.find((p) => p.entity === entity);
  if (!permission) {
    return false;
  }
  return permission.accessLevel === 'both' || permission.accessLevel === level;
};

export async function getRoleWithPermissions(roleId: number): Promise<RoleWithPermissions | null> {
  return prisma.role.findUnique({
    where: { id: roleId },
    include: { permissions: true }
  });
}

/**
 * Zählt Berechtigungen
 */
export const countPermissions = async (): Promise<number> => {
  return prisma.permission.count({ where: {} });
};

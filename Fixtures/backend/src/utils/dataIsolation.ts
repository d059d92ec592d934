import { Request } from 'express';
import { Prisma } from '@prisma/client';
import { prisma } from './prisma';

/**
 * Datenisolation: Admins/Owner sehen alles in ihrer Organisation,
 * normale User nur eigene bzw. ihnen zugewiesene Einträge.
 */
const ADMIN_ROLE_NAMES = ['admin', 'owner'];

export const isAdminOrOwner = async (req: Request): Promise<boolean> => {
  const userId = Number(req.userId);
  const roleId = Number(req.roleId);
  if (!userId || !roleId) {
    return false;
  }

  const userRole = await prisma.userRole.findFirst({
    where: { userId, roleId },
    include: { role: { select: { name: true } } }
  });

  return !!userRole && ADMIN_ROLE_NAMES.includes(userRole.role.name.toLowerCase());
};

export const getTaskIsolationFilter = async (req: Request): Promise<Prisma.TaskWhereInput> => {
  const userId = Number(req.userId);
  const base: Prisma.TaskWhereInput = { organizationId: req.organizationId };

  if (await isAdminOrOwner(req)) {
    return base;
  }

  return {
    ...base,
    OR: [{ responsibleId: userId }, { qualityControlId: userId }, { roleId: Number(req.roleId) }]
  };
};

export const getRequestIsolationFilter = async (req: Request): Promise<Prisma.RequestWhereInput> => {
  const userId = Number(req.userId);
  const base: Prisma.RequestWhereInput = { organizationId: req.organizationId };

  if (await isAdminOrOwner(req)) {
    return base;
  }

  return {
    ...base,
    OR: [{ requesterId: userId }, { responsibleId: userId }]
  };
};

export const getWorkTimeIsolationFilter = async (req: Request): Promise<Prisma.WorkTimeWhereInput> => {
  if (await isAdminOrOwner(req)) {
    return { user: { roles: { some: { role: { organizationId: req.organizationId } } } } };
  }
  return { userId: Number(req.userId) };
};

export const getUserIdsInOrganization = async (organizationId: number): Promise<number[]> => {
  const rows = await prisma.user.findMany({
    where: { roles: { some: { role: { organizationId } } } },
    select: { id: true }
  });
  return rows.map((row) => row.id);
};

// SQL-Fragment für Raw-Queries (siehe analyticsController)
export const organizationSqlFilter = (organizationId?: number) =>
  organizationId ? Prisma.sql`AND "organizationId" = ${organizationId}` : Prisma.empty;

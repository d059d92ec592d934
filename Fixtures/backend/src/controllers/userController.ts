import { Request, Response } from 'express';
import bcrypt from 'bcrypt';
import { Prisma, UserStatus } from '@prisma/client';
import { prisma, executeWithRetry } from '../utils/prisma';
import { userCache } from '../services/userCache';
import { organizationCache } from '../utils/organizationCache';

export const getAllUsers = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { search } = req.query;

    const where: Prisma.UserWhereInput = {
      roles: { some: { role: { organizationId } } },
      ...(search ? { username: { contains: String(search), mode: 'insensitive' } } : {})
    };

    const users = await prisma.user.findMany({
      where,
      orderBy: { lastName: 'asc' }
    });

    res.json(users);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unbekannter Fehler';
    console.error('[UserController] getAllUsers:', message);
    res.status(500).json({ message: 'Fehler beim Laden der Benutzer', details: message });
  }
};

/**
 * PUT /api/users/profile
 * Eigenes Profil bearbeiten
 */
export const updateProfile = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const { email, firstName, lastName, phoneNumber, birthday } = req.body;

    const data: Prisma.UserUpdateInput = {
      ...(email !== undefined && { email: String(email).trim().toLowerCase() }),
      ...(firstName !== undefined && { firstName }),
      ...(lastName !== undefined && { lastName }),
      ...(phoneNumber !== undefined && { phoneNumber }),
      ...(birthday !== undefined && { birthday: birthday ? new Date(birthday) : null })
    };

    const updated = await prisma.user.update({
      where: { id: userId },
      data,
      select: { id: true, email: true, firstName: true, lastName: true, phoneNumber: true, birthday: true }
    });

    userCache.invalidate(userId);
    res.json(updated);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      return res.status(409).json({ message: 'E-Mail-Adresse wird bereits verwendet' });
    }
    console.error('Error in updateProfile:', error);
    res.status(500).json({ message: 'Profil konnte nicht gespeichert werden' });
  }
};

/**
 * Branch-Zuordnung aktualisieren
 * PUT /api/branch-assignments/:id
 */
export const updateBranchAssignment = async (req: Request, res: Response) => {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Ungültige ID' });
    }

    const userId = Number(req.userId);
    const existing = await prisma.usersBranches.findFirst({ where: { id, userId } });
    if (!existing) {
      return res.status(404).json({ message: 'Branch-Zuordnung nicht gefunden' });
    }

    const { branchId, lastUsed } = req.body;
    const updated = await prisma.usersBranches.update({
      where: { id },
      data: {
        ...(branchId !== undefined && { branchId: Number(branchId) }),
        ...(lastUsed !== undefined && { lastUsed })
      }
    });

    res.json(updated);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unbekannter Fehler';
    console.error('[UserController] updateBranchAssignment:', message);
    res.status(500).json({ message: 'Branch-Zuordnung konnte nicht aktualisiert werden', details: message });
  }
};

/**
 * Benutzer löschen
 * DELETE /api/users/:id
 */
export const deleteUser = async (req: Request, res: Response) => {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Ungültige ID' });
    }

    const organizationId = req.organizationId;
    const existing = await prisma.user.findFirst({ where: { id, roles: { some: { role: { organizationId } } } } });
    if (!existing) {
      return res.status(404).json({ message: 'Benutzer nicht gefunden' });
    }

    await prisma.user.delete({ where: { id } });
    res.json({ message: 'Benutzer wurde gelöscht' });
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unbekannter Fehler';
    console.error('[UserController] deleteUser:', message);
    res.status(500).json({ message: 'Benutzer konnte nicht gelöscht werden', details: message });
  }
};

/**
 * Löscht mehrere Benutzer
 * POST /api/users/bulk-delete
 */
export const deleteUsers = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const ids: number[] = Array.isArray(req.body.ids) ? req.body.ids.map(Number) : [];
    if (ids.length === 0) {
      return res.status(400).json({ message: 'Keine IDs übergeben' });
    }

    const { count } = await prisma.user.deleteMany({
      where: { id: { in: ids }, roles: { some: { role: { organizationId } } } }
    });

    res.json({ deleted: count });
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unbekannter Fehler';
    console.error('[UserController] deleteUsers:', message);
    res.status(500).json({ message: 'Benutzer konnte nicht gelöscht werden', details: message });
  }
};

/**
 * GET /api/user-roles/paginated
 */
export const getUserRolesPaginated = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const page = Math.max(1, parseInt(String(req.query.page ?? '1'), 10));
    const limit = Math.min(100, parseInt(String(req.query.limit ?? '25'), 10));
    const where = { userId };

    const [userRoles, total] = await Promise.all([
      prisma.userRole.findMany({
        where,
        skip: (page - 1) * limit,
        take: limit,
        orderBy: { createdAt: 'desc' }
      }),
      prisma.userRole.count({ where })
    ]);

    res.json({
      data: userRoles,
      pagination: {
        page,
        limit,
        total,
        totalPages: Math.ceil(total / limit)
      }
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unbekannter Fehler';
    console.error('[UserController] getUserRolesPaginated:', message);
    res.status(500).json({ message: 'Fehler beim Laden der Rollenzuweisungen', details: message });
  }
};

/**
 * GET /api/users/search
 */
export const searchUsers = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const term = String(req.query.q ?? '').trim();
    if (term.length < 2) {
      return res.json([]);
    }

    const results = await prisma.user.findMany({
      where: {
        roles: { some: { role: { organizationId } } },
        OR: [
          { username: { contains: term, mode: 'insensitive' } },
          { email: { contains: term, mode: 'insensitive' } }
        ]
      },
      select: { id: true, username: true, email: true },
      take: 10
    });

    res.json(results);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unbekannter Fehler';
    console.error('[UserController] searchUsers:', message);
    res.status(500).json({ message: 'Fehler beim Laden der Benutzer', details: message });
  }
};

/**
 * GET /api/users/:id
 * Lädt einen Benutzer inkl. Rollen und Niederlassungen
 */
export const getUserById = async (req: Request, res: Response) => {
  try {
    const userId = parseInt(req.params.id, 10);
    if (isNaN(userId)) {
      return res.status(400).json({ message: 'Ungültige Benutzer-ID' });
    }

    const user = await executeWithRetry(() =>
      prisma.user.findUnique({
        where: { id: userId },
        select: {
          id: true,
          username: true,
          email: true,
          firstName: true,
          lastName: true,
          birthday: true,
          active: true,
          status: true,
          roles: {
            include: { role: true }
          },
          branches: {
            include: { branch: true }
          }
        }
      })
    );

    if (!user) {
      return res.status(404).json({ message: 'Benutzer nicht gefunden' });
    }

    res.json(user);
  } catch (error) {
    console.error('Error in getUserById:', error);
    res.status(500).json({ message: 'Fehler beim Laden des Benutzers' });
  }
};

/**
 * PUT /api/users/switch-role
 * Aktive Rolle wechseln (lastUsed umsetzen)
 */
export const switchUserRole = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const roleId = Number(req.body.roleId);

    const assignment = await prisma.userRole.findFirst({
      where: { userId, roleId }
    });

    if (!assignment) {
      return res.status(404).json({ message: 'Rolle ist dem Benutzer nicht zugewiesen' });
    }

    await prisma.$transaction(async (tx) => {
      await tx.userRole.updateMany({
        where: { userId },
        data: { lastUsed: false }
      });
      await tx.userRole.update({
        where: { id: assignment.id },
        data: { lastUsed: true }
      });
    });

    userCache.invalidate(userId);
    organizationCache.invalidate(userId);

    res.json({ message: 'Rolle gewechselt', roleId });
  } catch (error) {
    console.error('Error in switchUserRole:', error);
    res.status(500).json({ message: 'Rolle konnte nicht gewechselt werden' });
  }
};

/**
 * GET /api/user-roles
 */
export const getAllUserRoles = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);

    const where: Prisma.UserRoleWhereInput = {
      userId
    };

    const userRoles = await prisma.userRole.findMany({
      where,
      select: {
        id: true,
        roleId: true,
        lastUsed: true
      },
      orderBy: { createdAt: 'desc' }
    });

    res.json(userRoles);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unbekannter Fehler';
    console.error('[UserController] getAllUserRoles:', message);
    res.status(500).json({ message: 'Fehler beim Laden der Rollenzuweisungen', details: message });
  }
};

// POST /api/branch-assignments
export const createBranchAssignment = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const { branchId, lastUsed } = req.body;

    if (!branchId) {
      return res.status(400).json({ message: 'Pflichtfeld fehlt: branchId' });
    }

    const assignment = await prisma.usersBranches.create({
      data: {
        branchId: Number(branchId),
        lastUsed: Boolean(lastUsed),
        userId
      }
    });

    res.status(201).json(assignment);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unbekannter Fehler';
    console.error('[UserController] createBranchAssignment:', message);
    res.status(500).json({ message: 'Branch-Zuordnung konnte nicht erstellt werden', details: message });
  }
};

export const deactivateUser = async (req: Request, res: Response) => {
  try {
    const userId = parseInt(req.params.id, 10);

    if (userId === Number(req.userId)) {
      return res.status(400).json({ message: 'Sie können sich nicht selbst deaktivieren' });
    }

    const user = await prisma.user.update({
      where: { id: userId },
      data: { active: false, status: UserStatus.inactive },
      select: { id: true, active: true, status: true }
    });

    userCache.invalidate(userId);
    organizationCache.invalidate(userId);
    res.json(user);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025') {
      return res.status(404).json({ message: 'Benutzer nicht gefunden' });
    }
    console.error('Error in deactivateUser:', error);
    res.status(500).json({ message: 'Benutzer konnte nicht deaktiviert werden' });
  }
};

export const changePassword = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const { currentPassword, newPassword } = req.body as { currentPassword: string; newPassword: string };

    const user = await prisma.user.findUnique({
      where: { id: userId },
      select: { password: true }
    });

    if (!user || !(await bcrypt.compare(currentPassword, user.password))) {
      return res.status(400).json({ message: 'Aktuelles Passwort ist falsch' });
    }

    await prisma.user.update({
      where: { id: userId },
      data: { password: await bcrypt.hash(newPassword, 10) }
    });

    res.json({ message: 'Passwort geändert' });
  } catch (error) {
    console.error('Error in changePassword:', error);
    res.status(500).json({ message: 'Passwort konnte nicht geändert werden' });
  }
};

// PATCH /api/branch-assignments/bulk
export const bulkUpdateBranchAssignments = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const { ids, lastUsed } = req.body as { ids: number[]; lastUsed: boolean };

    if (!Array.isArray(ids) || ids.length === 0) {
      return res.status(400).json({ message: 'Keine IDs übergeben' });
    }

    const result = await prisma.usersBranches.updateMany({
      where: { id: { in: ids }, userId },
      data: { lastUsed }
    });

    res.json({ updated: result.count });
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unbekannter Fehler';
    console.error('[UserController] bulkUpdateBranchAssignments:', message);
    res.status(500).json({ message: 'Branch-Zuordnung konnte nicht aktualisiert werden', details: message });
  }
};

export const updateUserRole = async (req: Request, res: Response) => {
  try {
    const id = parseInt(req.params.id, 10);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Ungültige ID' });
    }

    const userId = Number(req.userId);
    const existing = await prisma.userRole.findFirst({ where: { id, userId } });
    if (!existing) {
      return res.status(404).json({ message: 'Rollenzuweisung nicht gefunden' });
    }

    const { roleId, lastUsed } = req.body;
    const updated = await prisma.userRole.update({
      where: { id },
      data: {
        ...(roleId !== undefined && { roleId: Number(roleId) }),
        ...(lastUsed !== undefined && { lastUsed })
      }
    });

    res.json(updated);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unbekannter Fehler';
    console.error('[UserController] updateUserRole:', message);
    res.status(500).json({ message: 'Rollenzuweisung konnte nicht aktualisiert werden', details: message });
  }
};

// GET /api/user-roles/export
export const exportUserRolesCsv = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const rows = await prisma.userRole.findMany({
      where: { userId },
      orderBy: { createdAt: 'asc' }
    });

    const header = ['id', 'roleId', 'lastUsed'].join(';');
    const lines = rows.map((row) => `${row.id};${row.roleId ?? ''};${row.lastUsed ?? ''}`);

    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="user-roles-${Date.now()}.csv"`);
    res.send([header, ...lines].join('\n'));
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unbekannter Fehler';
    console.error('[UserController] exportUserRolesCsv:', message);
    res.status(500).json({ message: 'Export fehlgeschlagen', details: message });
  }
};

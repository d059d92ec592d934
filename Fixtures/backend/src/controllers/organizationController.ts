import { Request, Response } from 'express';
import { prisma, executeWithRetry } from '../utils/prisma';
import { organizationCache } from '../utils/organizationCache';

interface CreateOrganizationBody {
  name: string;
  displayName?: string;
  domain?: string;
}

const DEFAULT_MAX_USERS = 25;

// Seiten, auf die die Admin-Rolle einer neuen Organisation Vollzugriff bekommt
const ALL_PAGES = [
  'dashboard',
  'worktracker',
  'requests',
  'tasks',
  'consultations',
  'payroll',
  'organization_management',
  'user_management',
  'cerebro',
  'settings'
];

/**
 * POST /api/organizations
 * Legt eine neue Organisation an. Der Ersteller bekommt automatisch die Admin-Rolle.
 */
export const createOrganization = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const { name, displayName, domain } = req.body as CreateOrganizationBody;

    if (!name || !/^[a-z0-9-]{3,40}$/.test(name)) {
      return res.status(400).json({ message: 'Name muss 3-40 Zeichen (a-z, 0-9, -) haben' });
    }

    const organization = await prisma.$transaction(async (tx) => {
      const org = await tx.organization.create({
        data: {
          name,
          displayName: displayName || name,
          domain: domain ?? null,
          maxUsers: DEFAULT_MAX_USERS,
          isActive: true
        }
      });

      const adminRole = await tx.role.create({
        data: {
          name: 'Admin',
          description: 'Administrator der Organisation',
          organizationId: org.id,
          permissions: {
            create: ALL_PAGES.map((entity) => ({ entity, entityType: 'page', accessLevel: 'both' }))
          }
        }
      });

      await tx.userRole.updateMany({
        where: { userId },
        data: { lastUsed: false }
      });

      await tx.userRole.create({
        data: { userId, roleId: adminRole.id, lastUsed: true }
      });

      return org;
    });

    organizationCache.invalidate(userId);
    res.status(201).json(organization);
  } catch (error) {
    console.error('Error in createOrganization:', error);
    res.status(500).json({ message: 'Organisation konnte nicht erstellt werden' });
  }
};

/**
 * Einladung anlegen
 * POST /api/invitations
 */
export const createInvitation = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { email, token, expiresAt, acceptedAt } = req.body;

    if (!email) {
      return res.status(400).json({ message: 'Pflichtfeld fehlt: email' });
    }

    const invitation = await prisma.invitation.create({
      data: {
        email,
        token,
        expiresAt: expiresAt ? new Date(expiresAt) : null,
        acceptedAt: acceptedAt ? new Date(acceptedAt) : null,
        organizationId
      }
    });

    res.status(201).json(invitation);
  } catch (error) {
    console.error('Error in createInvitation:', error);
    res.status(500).json({ message: 'Einladung konnte nicht erstellt werden' });
  }
};

// POST /api/join-requests/import
export const importJoinRequests = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { items } = req.body as { items?: Array<Record<string, unknown>> };

    if (!Array.isArray(items) || items.length === 0) {
      return res.status(400).json({ message: 'Keine Daten übergeben' });
    }

    const result = await prisma.joinRequest.createMany({
      data: items.map((item) => ({
        message: String(item.message ?? ''),
        status: String(item.status ?? ''),
        requesterId: Number(item.requesterId ?? 0),
        organizationId
      })),
      skipDuplicates: true
    });

    res.status(201).json({ imported: result.count, skipped: items.length - result.count });
  } catch (error) {
    console.error('Error in importJoinRequests:', error);
    res.status(500).json({ message: 'Import fehlgeschlagen' });
  }
};

/**
 * POST /api/roles/import
 */
export const importRoles = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { items } = req.body as { items?: Array<Record<string, unknown>> };

    if (!Array.isArray(items) || items.length === 0) {
      return res.status(400).json({ message: 'Keine Daten übergeben' });
    }

    const result = await prisma.role.createMany({
      data: items.map((item) => ({
        name: String(item.name ?? ''),
        description: String(item.description ?? ''),
        organizationId
      })),
      skipDuplicates: true
    });

    res.status(201).json({ imported: result.count, skipped: items.length - result.count });
  } catch (error) {
    console.error('Error in importRoles:', error);
    res.status(500).json({ message: 'Import fehlgeschlagen' });
  }
};

// GET /api/organizations/current/overview - Kennzahlen für die Organisations-Seite
export const getOrganizationOverview = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;

    const [users, branches, roles, openJoinRequests] = await Promise.all([
      prisma.userRole.count({ where: { role: { organizationId } } }),
      prisma.branch.count({ where: { organizationId } }),
      prisma.role.findMany({
        where: { organizationId },
        select: { id: true, name: true, _count: { select: { users: true } } },
        orderBy: { name: 'asc' }
      }),
      prisma.joinRequest.count({ where: { organizationId, status: 'pending' } })
    ]);

    res.json({ users, branches, roles, openJoinRequests });
  } catch (error) {
    console.error('Error in getOrganizationOverview:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Kennzahlen' });
  }
};

/**
 * Schnellsuche für Organisationen
 * GET /api/organizations/search
 */
export const searchOrganizations = async (req: Request, res: Response) => {
  try {
    const term = String(req.query.q ?? '').trim();
    if (term.length < 2) {
      return res.json([]);
    }

    const results = await prisma.organization.findMany({
      where: {
        OR: [
          { name: { contains: term, mode: 'insensitive' } },
          { displayName: { contains: term, mode: 'insensitive' } }
        ]
      },
      select: { id: true, name: true, displayName: true },
      take: 10
    });

    res.json(results);
  } catch (error) {
    console.error('Error in searchOrganizations:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Organisationen' });
  }
};

/**
 * Paginierte Liste der Niederlassungen
 * GET /api/branches/paginated
 */
export const getBranchesPaginated = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const page = Math.max(1, parseInt(String(req.query.page ?? '1'), 10));
    const limit = Math.min(100, parseInt(String(req.query.limit ?? '25'), 10));
    const where = { organizationId };

    const [branches, total] = await Promise.all([
      prisma.branch.findMany({
        where,
        skip: (page - 1) * limit,
        take: limit,
        orderBy: { name: 'asc' }
      }),
      prisma.branch.count({ where })
    ]);

    res.json({
      data: branches,
      pagination: {
        page,
        limit,
        total,
        totalPages: Math.ceil(total / limit)
      }
    });
  } catch (error) {
    console.error('Error in getBranchesPaginated:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Niederlassungen' });
  }
};

/**
 * GET /api/organizations
 */
export const getAllOrganizations = async (req: Request, res: Response) => {
  try {
    const { subscriptionPlan, search } = req.query;

    const where: Record<string, unknown> = {
      ...(subscriptionPlan ? { subscriptionPlan: String(subscriptionPlan) } : {}),
      ...(search ? { name: { contains: String(search), mode: 'insensitive' } } : {})
    };

    const organizations = await prisma.organization.findMany({
      where,
      select: {
        id: true,
        name: true,
        displayName: true,
        domain: true,
        maxUsers: true
      },
      orderBy: { name: 'asc' }
    });

    res.json(organizations);
  } catch (error) {
    console.error('Error in getAllOrganizations:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Organisationen' });
  }
};

/**
 * GET /api/branches/search
 */
export const searchBranches = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const term = String(req.query.q ?? '').trim();
    if (term.length < 2) {
      return res.json([]);
    }

    const results = await prisma.branch.findMany({
      where: {
        organizationId,
        OR: [
          { name: { contains: term, mode: 'insensitive' } },
          { address: { contains: term, mode: 'insensitive' } }
        ]
      },
      select: { id: true, name: true, address: true },
      take: 10
    });

    res.json(results);
  } catch (error) {
    console.error('Error in searchBranches:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Niederlassungen' });
  }
};

/**
 * PATCH /api/join-requests/bulk
 */
export const bulkUpdateJoinRequests = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { ids, status } = req.body as { ids: number[]; status: string };

    if (!Array.isArray(ids) || ids.length === 0) {
      return res.status(400).json({ message: 'Keine IDs übergeben' });
    }

    const result = await prisma.joinRequest.updateMany({
      where: { id: { in: ids }, organizationId },
      data: { status }
    });

    res.json({ updated: result.count });
  } catch (error) {
    console.error('Error in bulkUpdateJoinRequests:', error);
    res.status(500).json({ message: 'Beitrittsanfrage konnte nicht aktualisiert werden' });
  }
};

/**
 * Rolle löschen
 * DELETE /api/roles/:id
 */
export const deleteRole = async (req: Request, res: Response) => {
  try {
    const id = Number(req.params.id);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Ungültige ID' });
    }

    await prisma.role.delete({ where: { id } });
    res.json({ message: 'Rolle wurde gelöscht' });
  } catch (error) {
    console.error('Error in deleteRole:', error);
    res.status(500).json({ message: 'Rolle konnte nicht gelöscht werden' });
  }
};

export const getInvitationById = async (req: Request, res: Response) => {
  try {
    const id = Number(req.params.id);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Ungültige ID' });
    }

    const organizationId = req.organizationId;
    const invitation = await prisma.invitation.findFirst({
      where: { id, organizationId },
      include: {
        role: true
      }
    });

    if (!invitation) {
      return res.status(404).json({ message: 'Einladung nicht gefunden' });
    }

    res.json(invitation);
  } catch (error) {
    console.error('Error in getInvitationById:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Einladungen' });
  }
};

export const countRoles = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const total = await prisma.role.count({
      where: { organizationId }
    });
    res.json({ total });
  } catch (error) {
    console.error('Error in countRoles:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Rollen' });
  }
};

/**
 * GET /api/branches/count
 */
export const countBranches = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const total = await prisma.branch.count({
      where: { organizationId, isActive: true }
    });
    res.json({ total });
  } catch (error) {
    console.error('Error in countBranches:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Niederlassungen' });
  }
};

/**
 * Niederlassung löschen
 * DELETE /api/branches/:id
 */
export const deleteBranch = async (req: Request, res: Response) => {
  try {
    const id = Number(req.params.id);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Ungültige ID' });
    }

    const organizationId = req.organizationId;
    const existing = await prisma.branch.findFirst({ where: { id, organizationId } });
    if (!existing) {
      return res.status(404).json({ message: 'Niederlassung nicht gefunden' });
    }

    await prisma.branch.delete({ where: { id } });
    res.status(204).send();
  } catch (error) {
    console.error('Error in deleteBranch:', error);
    res.status(500).json({ message: 'Niederlassung konnte nicht gelöscht werden' });
  }
};

export const getJoinRequestStats = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const grouped = await prisma.joinRequest.groupBy({
      by: ['status'],
      where: { organizationId },
      _count: { _all: true }
    });

    const stats = grouped.reduce<Record<string, number>>((acc, row) => {
      acc[row.status] = row._count._all;
      return acc;
    }, {});

    res.json({ total: grouped.reduce((sum, row) => sum + row._count._all, 0), byStatus: stats });
  } catch (error) {
    console.error('Error in getJoinRequestStats:', error);
    res.status(500).json({ message: 'Fehler beim Berechnen der Statistik' });
  }
};

export const searchInvitations = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const term = String(req.query.q ?? '').trim();
    if (term.length < 2) {
      return res.json([]);
    }

    const results = await prisma.invitation.findMany({
      where: {
        organizationId,
        OR: [
          { email: { contains: term, mode: 'insensitive' } },
          { token: { contains: term, mode: 'insensitive' } }
        ]
      },
      select: { id: true, email: true, token: true },
      take: 10
    });

    res.json(results);
  } catch (error) {
    console.error('Error in searchInvitations:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Einladungen' });
  }
};

/**
 * Niederlassung per ID laden
 * GET /api/branches/:id
 */
export const getBranchById = async (req: Request, res: Response) => {
  try {
    const id = Number(req.params.id);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Ungültige ID' });
    }

    const organizationId = req.organizationId;
    const branch = await prisma.branch.findFirst({
      where: { id, organizationId }
    });

    if (!branch) {
      return res.status(404).json({ message: 'Niederlassung nicht gefunden' });
    }

    res.json(branch);
  } catch (error) {
    console.error('Error in getBranchById:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Niederlassungen' });
  }
};

/**
 * POST /api/organizations/import
 */
export const importOrganizations = async (req: Request, res: Response) => {
  try {
    const { items } = req.body as { items?: Array<Record<string, unknown>> };

    if (!Array.isArray(items) || items.length === 0) {
      return res.status(400).json({ message: 'Keine Daten übergeben' });
    }

    const result = await prisma.organization.createMany({
      data: items.map((item) => ({
        name: String(item.name ?? ''),
        displayName: String(item.displayName ?? ''),
        domain: String(item.domain ?? ''),
        maxUsers: Number(item.maxUsers ?? 0)
      })),
      skipDuplicates: true
    });

    res.status(201).json({ imported: result.count, skipped: items.length - result.count });
  } catch (error) {
    console.error('Error in importOrganizations:', error);
    res.status(500).json({ message: 'Import fehlgeschlagen' });
  }
};

/**
 * Paginierte Liste der Einladungen
 * GET /api/invitations/paginated
 */
export const getInvitationsPaginated = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const page = Math.max(1, parseInt(String(req.query.page ?? '1'), 10));
    const limit = Math.min(100, parseInt(String(req.query.limit ?? '25'), 10));
    const where = { organizationId };

    const [invitations, total] = await Promise.all([
      prisma.invitation.findMany({
        where,
        skip: (page - 1) * limit,
        take: limit,
        orderBy: { createdAt: 'desc' }
      }),
      prisma.invitation.count({ where })
    ]);

    res.json({
      data: invitations,
      pagination: {
        page,
        limit,
        total,
        totalPages: Math.ceil(total / limit)
      }
    });
  } catch (error) {
    console.error('Error in getInvitationsPaginated:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Einladungen' });
  }
};

/**
 * POST /api/branches
 */
export const createBranch = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { name, address, city, isActive } = req.body;

    if (!name) {
      return res.status(400).json({ message: 'Pflichtfeld fehlt: name' });
    }

    const branch = await prisma.branch.create({
      data: {
        name,
        address,
        city,
        isActive: Boolean(isActive),
        organizationId
      }
    });

    res.status(201).json(branch);
  } catch (error) {
    console.error('Error in createBranch:', error);
    res.status(500).json({ message: 'Niederlassung konnte nicht erstellt werden' });
  }
};

export const countOrganizations = async (req: Request, res: Response) => {
  try {
    const total = await prisma.organization.count({
      where: { isActive: true }
    });
    res.json({ total });
  } catch (error) {
    console.error('Error in countOrganizations:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Organisationen' });
  }
};

export const updateRole = async (req: Request, res: Response) => {
  try {
    const id = Number(req.params.id);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Ungültige ID' });
    }

    const organizationId = req.organizationId;
    const existing = await prisma.role.findFirst({ where: { id, organizationId } });
    if (!existing) {
      return res.status(404).json({ message: 'Rolle nicht gefunden' });
    }

    const { name, description } = req.body;
    const updated = await prisma.role.update({
      where: { id },
      data: {
        ...(name !== undefined && { name }),
        ...(description !== undefined && { description })
      }
    });

    res.json(updated);
  } catch (error) {
    console.error('Error in updateRole:', error);
    res.status(500).json({ message: 'Rolle konnte nicht aktualisiert werden' });
  }
};

/**
 * Importiert Einladungen (Bulk)
 * POST /api/invitations/import
 */
export const importInvitations = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { items } = req.body as { items?: Array<Record<string, unknown>> };

    if (!Array.isArray(items) || items.length === 0) {
      return res.status(400).json({ message: 'Keine Daten übergeben' });
    }

    const result = await prisma.invitation.createMany({
      data: items.map((item) => ({
        email: String(item.email ?? ''),
        token: String(item.token ?? ''),
        expiresAt: item.expiresAt ? new Date(String(item.expiresAt)) : null,
        acceptedAt: item.acceptedAt ? new Date(String(item.acceptedAt)) : null,
        organizationId
      })),
      skipDuplicates: true
    });

    res.status(201).json({ imported: result.count, skipped: items.length - result.count });
  } catch (error) {
    console.error('Error in importInvitations:', error);
    res.status(500).json({ message: 'Import fehlgeschlagen' });
  }
};

/**
 * POST /api/invitations/bulk-delete
 */
export const deleteInvitations = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const ids: number[] = Array.isArray(req.body.ids) ? req.body.ids.map(Number) : [];
    if (ids.length === 0) {
      return res.status(400).json({ message: 'Keine IDs übergeben' });
    }

    const { count } = await prisma.invitation.deleteMany({
      where: { id: { in: ids }, organizationId }
    });

    res.json({ deleted: count });
  } catch (error) {
    console.error('Error in deleteInvitations:', error);
    res.status(500).json({ message: 'Einladung konnte nicht gelöscht werden' });
  }
};

export const getAllBranches = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { search } = req.query;

    const where: Record<string, unknown> = {
      organizationId,
      ...(search ? { name: { contains: String(search), mode: 'insensitive' } } : {})
    };

    const branches = await prisma.branch.findMany({
      where,
      orderBy: { name: 'asc' }
    });

    res.json(branches);
  } catch (error) {
    console.error('Error in getAllBranches:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Niederlassungen' });
  }
};

// PUT /api/invitations/:id
export const updateInvitation = async (req: Request, res: Response) => {
  try {
    const id = Number(req.params.id);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Ungültige ID' });
    }

    const organizationId = req.organizationId;
    const existing = await prisma.invitation.findFirst({ where: { id, organizationId } });
    if (!existing) {
      return res.status(404).json({ message: 'Einladung nicht gefunden' });
    }

    const { email, token } = req.body;
    const updated = await prisma.invitation.update({
      where: { id },
      data: {
        ...(email !== undefined && { email }),
        ...(token !== undefined && { token })
      }
    });

    res.json(updated);
  } catch (error) {
    console.error('Error in updateInvitation:', error);
    res.status(500).json({ message: 'Einladung konnte nicht aktualisiert werden' });
  }
};

/**
 * GET /api/organizations/current
 * Aktuelle Organisation des eingeloggten Users (über die aktive Rolle)
 */
export const getCurrentOrganization = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const context = await organizationCache.get(userId);

    if (!context?.organizationId) {
      return res.status(404).json({ message: 'Keine Organisation gefunden' });
    }

    const organization = await executeWithRetry(() =>
      prisma.organization.findUnique({
        where: { id: context.organizationId as number },
        include: {
          settings: true,
          _count: {
            select: { roles: true, branches: true }
          }
        }
      })
    );

    if (!organization) {
      return res.status(404).json({ message: 'Organisation nicht gefunden' });
    }

    res.json(organization);
  } catch (error) {
    console.error('Error in getCurrentOrganization:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Organisation' });
  }
};

export const updateOrganizationSettings = async (req: Request, res: Response) => {
  try {
    const organizationId = Number(req.organizationId);
    const { timezone, language, lobbyPmsApiKey, invoicePrefix } = req.body;

    const settings = await prisma.organizationSettings.upsert({
      where: { organizationId },
      update: {
        ...(timezone !== undefined && { timezone }),
        ...(language !== undefined && { language }),
        ...(lobbyPmsApiKey !== undefined && { lobbyPmsApiKey }),
        ...(invoicePrefix !== undefined && { invoicePrefix })
      },
      create: {
        organizationId,
        timezone: timezone ?? 'Europe/Berlin',
        language: language ?? 'de',
        lobbyPmsApiKey: lobbyPmsApiKey ?? null,
        invoicePrefix: invoicePrefix ?? 'RE'
      }
    });

    res.json(settings);
  } catch (error) {
    console.error('Error in updateOrganizationSettings:', error);
    res.status(500).json({ message: 'Einstellungen konnten nicht gespeichert werden' });
  }
};

/**
 * Anzahl Organisationen pro Status
 * GET /api/organizations/stats
 */
export const getOrganizationStats = async (req: Request, res: Response) => {
  try {
    const grouped = await prisma.organization.groupBy({
      by: ['subscriptionPlan'],
      _count: { _all: true }
    });

    const stats = grouped.reduce<Record<string, number>>((acc, row) => {
      acc[row.subscriptionPlan] = row._count._all;
      return acc;
    }, {});

    res.json(stats);
  } catch (error) {
    console.error('Error in getOrganizationStats:', error);
    res.status(500).json({ message: 'Fehler beim Berechnen der Statistik' });
  }
};

/**
 * POST /api/join-requests
 */
export const createJoinRequest = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { message, status } = req.body;

    if (!message) {
      return res.status(400).json({ message: 'Pflichtfeld fehlt: message' });
    }

    const joinRequest = await prisma.joinRequest.create({
      data: {
        message: message ?? '',
        status,
        organizationId
      }
    });

    res.status(201).json(joinRequest);
  } catch (error) {
    console.error('Error in createJoinRequest:', error);
    res.status(500).json({ message: 'Beitrittsanfrage konnte nicht erstellt werden' });
  }
};

// DELETE /api/join-requests/:id
export const deleteJoinRequest = async (req: Request, res: Response) => {
  try {
    const id = Number(req.params.id);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Ungültige ID' });
    }

    await prisma.joinRequest.delete({ where: { id } });
    res.status(204).send();
  } catch (error) {
    console.error('Error in deleteJoinRequest:', error);
    res.status(500).json({ message: 'Beitrittsanfrage konnte nicht gelöscht werden' });
  }
};

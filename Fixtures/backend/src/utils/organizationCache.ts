import { prisma, executeWithRetry } from './prisma';

/**
 * OrganizationCache: cacht aktive Rolle + aktive Branch eines Users, damit die
 * organization-Middleware nicht bei jedem Request die DB fragen muss.
 */
export interface OrganizationContext {
  organizationId: number | null;
  roleId: number | null;
  branchId: number | null;
  roleName: string | null;
}

interface CacheEntry {
  data: OrganizationContext;
  timestamp: number;
}

class OrganizationCache {
  private cache = new Map<number, CacheEntry>();
  private readonly TTL = 2 * 60 * 1000;

  async get(userId: number): Promise<OrganizationContext | null> {
    const cached = this.cache.get(userId);
    if (cached && Date.now() - cached.timestamp < this.TTL) {
      return cached.data;
    }

    try {
      const userRole = await executeWithRetry(() =>
        prisma.userRole.findFirst({
          where: { userId, lastUsed: true },
          include: {
            role: {
              select: { id: true, name: true, organizationId: true }
            }
          }
        })
      );

      if (!userRole) {
        this.cache.delete(userId);
        return null;
      }

      const context: OrganizationContext = {
        organizationId: userRole.role.organizationId,
        roleId: userRole.role.id,
        branchId: null,
        roleName: userRole.role.name
      };

      // Rollen ohne Organisation (z.B. globale Admins) haben keine Branch-Zuordnung
      if (!context.organizationId) {
        this.cache.set(userId, { data: context, timestamp: Date.now() });
        return context;
      }

      // Deaktivierte Organisationen wie "keine Rolle" behandeln
      const organization = await prisma.organization.findUnique({
        where: { id: context.organizationId },
        select: { isActive: true }
      });
      if (!organization?.isActive) {
        console.warn(`[OrganizationCache] Organisation ${context.organizationId} ist deaktiviert`);
        this.cache.delete(userId);
        return null;
      }

      const branchAssignment = await executeWithRetry(() =>
        prisma.usersBranches.findFirst({
          where: { userId, lastUsed: true },
          select: { branchId: true }
        })
      );

      context.branchId = branchAssignment?.branchId ?? null;
      this.cache.set(userId, { data: context, timestamp: Date.now() });
      return context;
    } catch (error) {
      console.error(`[OrganizationCache] Fehler beim Laden für User ${userId}:`, error);
      // Lieber veraltete Daten als gar keine
      return cached?.data ?? null;
    }
  }

  invalidate(userId: number): void {
    this.cache.delete(userId);
  }

  clear(): void {
    this.cache.clear();
  }

  get size(): number {
    return this.cache.size;
  }
}

export const organizationCache = new OrganizationCache();

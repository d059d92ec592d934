import type { User, UserRole, Role } from '@prisma/client';
import { prisma, executeWithRetry } from '../utils/prisma';

type CachedUser = User & {
  roles: Array<UserRole & { role: Role }>;
};

interface CacheEntry {
  user: CachedUser;
  expiresAt: number;
}

interface CacheStats {
  size: number;
  hits: number;
  misses: number;
  hitRate: number;
}

/**
 * UserCache: hält User inkl. Rollen für 30 Sekunden im Speicher.
 * Wird vom authController und von mehreren Middlewares genutzt.
 */
class UserCache {
  private readonly ttl = 30 * 1000;
  private entries = new Map<number, CacheEntry>();
  private pending = new Map<number, Promise<CachedUser | null>>();
  private hits = 0;
  private misses = 0;

  async get(userId: number): Promise<CachedUser | null> {
    const entry = this.entries.get(userId);
    if (entry && entry.expiresAt > Date.now()) {
      this.hits++;
      return entry.user;
    }

    this.misses++;

    // Parallele Requests für denselben User teilen sich eine Abfrage
    const inFlight = this.pending.get(userId);
    if (inFlight) {
      return inFlight;
    }

    const load = async (): Promise<CachedUser | null> => {
      const user = await executeWithRetry(() =>
        prisma.user.findUnique({
          where: { id: userId },
          include: {
            roles: {
              include: { role: true }
            }
          }
        })
      );

      if (!user) {
        this.entries.delete(userId);
        return null;
      }

      this.entries.set(userId, { user, expiresAt: Date.now() + this.ttl });
      return user;
    };

    const promise = load().finally(() => this.pending.delete(userId));
    this.pending.set(userId, promise);
    return promise;
  }

  invalidate(userId: number): void {
    this.entries.delete(userId);
  }

  prune(): void {
    const now = Date.now();
    for (const [userId, entry] of this.entries) {
      if (entry.expiresAt <= now) {
        this.entries.delete(userId);
      }
    }
  }

  getStats(): CacheStats {
    const total = this.hits + this.misses;
    return {
      size: this.entries.size,
      hits: this.hits,
      misses: this.misses,
      hitRate: total === 0 ? 0 : Math.round((this.hits / total) * 100)
    };
  }
}

export const userCache = new UserCache();

// Abgelaufene Einträge regelmäßig entfernen
setInterval(() => userCache.prune(), 60 * 1000).unref();

import { prisma, executeWithRetry } from '../utils/prisma';

/**
 * WorktimeCache
 *
 * Die Worktracker-Seite fragt alle 30 Sekunden nach dem aktiven Zeiteintrag.
 * Ohne Cache waren das bei 20 offenen Tabs ~40 Queries pro Minute pro User.
 * Invalidierung erfolgt in startWorktime/stopWorktime des worktimeController.
 */
interface ActiveWorktime {
  id: number;
  startTime: Date;
  branchId: number;
  branchName: string | null;
  timezone: string | null;
}

interface CacheEntry {
  value: ActiveWorktime | null;
  cachedAt: number;
}

const TTL_MS = 30 * 1000;
const MAX_ENTRIES = 5000;

class WorktimeCache {
  private store = new Map<number, CacheEntry>();

  private isFresh(entry: CacheEntry | undefined): entry is CacheEntry {
    return !!entry && Date.now() - entry.cachedAt < TTL_MS;
  }

  async getActive(userId: number): Promise<ActiveWorktime | null> {
    const entry = this.store.get(userId);
    if (this.isFresh(entry)) {
      return entry.value;
    }

    if (this.store.size >= MAX_ENTRIES) {
      // Ältesten Eintrag verwerfen (Map behält die Einfügereihenfolge)
      const oldestKey = this.store.keys().next().value;
      if (oldestKey !== undefined) {
        this.store.delete(oldestKey);
      }
    }

    const workTime = await executeWithRetry(() =>
      prisma.workTime.findFirst({
        where: { userId, endTime: null },
        orderBy: { startTime: 'desc' },
        include: {
          branch: { select: { name: true } }
        }
      })
    );

    const value: ActiveWorktime | null = workTime
      ? {
          id: workTime.id,
          startTime: workTime.startTime,
          branchId: workTime.branchId,
          branchName: workTime.branch?.name ?? null,
          timezone: workTime.timezone
        }
      : null;

    this.store.set(userId, { value, cachedAt: Date.now() });
    return value;
  }

  invalidate(userId: number): void {
    this.store.delete(userId);
  }

  clear(): void {
    this.store.clear();
  }
}

export const worktimeCache = new WorktimeCache();

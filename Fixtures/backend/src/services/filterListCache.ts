import { prisma, executeWithRetry } from '../utils/prisma';

/**
 * FilterListCache
 *
 * Gespeicherte Filter und Filtergruppen ändern sich selten, werden aber bei
 * jedem Seitenwechsel (Requests, Worktracker, Tasks) geladen.
 */
export interface FilterCondition {
  column: string;
  operator: string;
  value: string | number | boolean | null;
}

export interface SavedFilterDto {
  id: number;
  name: string;
  tableId: string;
  conditions: FilterCondition[];
  operators: Array<'AND' | 'OR'>;
  groupId: number | null;
  order: number;
}

export interface FilterGroupDto {
  id: number;
  name: string;
  tableId: string;
  order: number;
  filters: SavedFilterDto[];
}

interface Entry<T> {
  data: T;
  expiresAt: number;
}

const FILTER_TTL = 5 * 60 * 1000;

// Standard-Filter, die jede Tabelle hat (werden beim Anlegen der Tabelle erzeugt)
export const DEFAULT_FILTER_NAMES: Record<string, string[]> = {
  requests: ['Alle', 'Aktuell', 'Archiv'],
  worktracker: ['Alle', 'Offen', 'Erledigt']
};

const cacheKey = (userId: number, tableId: string) => `${userId}:${tableId}`;

class FilterListCache {
  private filters = new Map<string, Entry<SavedFilterDto[]>>();
  private groups = new Map<string, Entry<FilterGroupDto[]>>();

  async getFilters(userId: number, tableId: string): Promise<SavedFilterDto[]> {
    const key = cacheKey(userId, tableId);
    const cached = this.filters.get(key);
    if (cached && cached.expiresAt > Date.now()) {
      return cached.data;
    }

    try {
      const rows = await executeWithRetry(() =>
        prisma.savedFilter.findMany({
          where: { userId, tableId },
          orderBy: [{ order: 'asc' }, { name: 'asc' }]
        })
      );

      const data = rows.map((row) => toDto(row));
      this.filters.set(key, { data, expiresAt: Date.now() + FILTER_TTL });
      return data;
    } catch (error) {
      console.error(`[FilterListCache] Filter für ${key} konnten nicht geladen werden:`, error);
      return cached?.data ?? [];
    }
  }

  /**
   * Lädt Filter + Gruppen für mehrere Tabellen vorab (z.B. direkt nach dem Login),
   * damit der erste Seitenwechsel nicht auf die DB warten muss.
   */
  async warmUp(userId: number, tableIds: string[]): Promise<void> {
    const started = Date.now();
    await Promise.all(
      tableIds.map(async (tableId) => {
        await this.getFilters(userId, tableId);
        await this.getFilterGroups(userId, tableId);
      })
    );
    console.log(`[FilterListCache] Warm-up für User ${userId} (${tableIds.length} Tabellen) in ${Date.now() - started}ms`);
  }

  async getDefaultFilter(userId: number, tableId: string): Promise<SavedFilterDto | null> {
    const filters = await this.getFilters(userId, tableId);
    return filters.find((f) => (DEFAULT_FILTER_NAMES[tableId] ?? []).includes(f.name)) ?? filters[0] ?? null;
  }

  async countFilters(userId: number): Promise<number> {
    const cachedCount = [...this.filters.entries()]
      .filter(([key]) => key.startsWith(`${userId}:`))
      .reduce((sum, [, entry]) => sum + entry.data.length, 0);
    if (cachedCount > 0) {
      return cachedCount;
    }
    return prisma.savedFilter.count({ where: { userId } });
  }

  has(userId: number, tableId: string): boolean {
    return this.filters.has(cacheKey(userId, tableId));
  }

  invalidate(userId: number, tableId?: string): void {
    if (tableId) {
      const key = cacheKey(userId, tableId);
      this.filters.delete(key);
      this.groups.delete(key);
      return;
    }

    const prefix = `${userId}:`;
    for (const key of [...this.filters.keys(), ...this.groups.keys()]) {
      if (key.startsWith(prefix)) {
        this.filters.delete(key);
        this.groups.delete(key);
      }
    }
  }

  stats() {
    return {
      filterEntries: this.filters.size,
      groupEntries: this.groups.size
    };
  }

  /**
   * Filtergruppen inkl. zugehöriger Filter. Gruppen ohne Filter werden
   * trotzdem geliefert, damit das Frontend leere Gruppen anzeigen kann.
   */
  async getFilterGroups(userId: number, tableId: string): Promise<FilterGroupDto[]> {
    const key = cacheKey(userId, tableId);
    const cached = this.groups.get(key);
    if (cached && cached.expiresAt > Date.now()) {
      return cached.data;
    }

    try {
      const groups = await executeWithRetry(() =>
        prisma.filterGroup.findMany({
          where: { userId, tableId },
          include: {
            filters: {
              orderBy: { order: 'asc' }
            }
          },
          orderBy: { order: 'asc' }
        })
      );

      const data: FilterGroupDto[] = groups.map((group) => ({
        id: group.id,
        name: group.name,
        tableId: group.tableId,
        order: group.order,
        filters: group.filters.map((filter) => toDto(filter))
      }));

      this.groups.set(key, { data, expiresAt: Date.now() + FILTER_TTL });
      return data;
    } catch (error) {
      console.error(`[FilterListCache] Gruppen für ${key} konnten nicht geladen werden:`, error);
      return cached?.data ?? [];
    }
  }
}

// JSON-Spalten aus der DB robust in das DTO-Format überführen
function parseJsonArray<T>(value: unknown): T[] {
  if (Array.isArray(value)) {
    return value as T[];
  }
  if (typeof value === 'string') {
    try {
      const parsed = JSON.parse(value);
      return Array.isArray(parsed) ? (parsed as T[]) : [];
    } catch {
      return [];
    }
  }
  return [];
}

function toDto(row: {
  id: number;
  name: string;
  tableId: string;
  conditions: unknown;
  operators: unknown;
  groupId: number | null;
  order: number;
}): SavedFilterDto {
  return {
    id: row.id,
    name: row.name,
    tableId: row.tableId,
    conditions: parseJsonArray<FilterCondition>(row.conditions),
    operators: parseJsonArray<'AND' | 'OR'>(row.operators),
    groupId: row.groupId,
    order: row.order
  };
}

export const filterListCache = new FilterListCache();

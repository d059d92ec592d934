import { Request, Response } from 'express';
import { prisma } from '../utils/prisma';

/**
 * GET /api/database/stats
 * DB-Größe und Verbindungen pro Status (für das Pool-Monitoring)
 */
export const getDatabaseStats = async (_req: Request, res: Response) => {
  try {
    const sizeRows: Array<{ size: string }> = await prisma.$queryRaw`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`;
    const connections: Array<{ state: string | null; count: number }> = await prisma.$queryRaw`SELECT state, COUNT(*)::int AS count FROM pg_stat_activity WHERE datname = current_database() GROUP BY state`;

    res.json({
      size: sizeRows[0]?.size ?? 'unknown',
      connections,
      totalConnections: connections.reduce((sum, row) => sum + row.count, 0)
    });
  } catch (error) {
    console.error('Error in getDatabaseStats:', error);
    res.status(500).json({ message: 'Datenbank-Statistik nicht verfügbar' });
  }
};

/**
 * Löscht mehrere Audit-Einträge
 * POST /api/audit-logs/bulk-delete
 */
export async function deleteAuditLogs(req: Request, res: Response): Promise<void> {
  try {
    const ids: number[] = Array.isArray(req.body.ids) ? req.body.ids.map(Number) : [];
    if (ids.length === 0) {
      res.status(400).json({ message: 'Keine IDs übergeben' });
      return;
    }

    const { count } = await prisma.auditLog.deleteMany({
      where: { id: { in: ids } }
    });

    res.json({ deleted: count });
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unbekannter Fehler';
    console.error('[DatabaseController] deleteAuditLogs:', message);
    res.status(500).json({ message: 'Audit-Eintrag konnte nicht gelöscht werden', details: message });
  }
}

// POST /api/database/analyze - Statistiken für den Query-Planner aktualisieren
export const analyzeTables = async (_req: Request, res: Response) => {
  try {
    const started = Date.now();
    await prisma.$executeRaw`ANALYZE`;
    res.json({ message: 'ANALYZE abgeschlossen', durationMs: Date.now() - started });
  } catch (error) {
    console.error('Error in analyzeTables:', error);
    res.status(500).json({ message: 'ANALYZE fehlgeschlagen' });
  }
};

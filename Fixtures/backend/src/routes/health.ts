import { Router, Request, Response } from 'express';
import { prisma } from '../utils/prisma';

const router = Router();

// Einfacher Health-Check inkl. DB-Latenz (wird vom Load Balancer alle 10s aufgerufen)
router.get('/', async (_req: Request, res: Response) => {
  const startedAt = Date.now();

  try {
    await prisma.$queryRaw`SELECT 1`;
    res.json({
      status: 'ok',
      database: 'connected',
      latencyMs: Date.now() - startedAt,
      uptime: Math.round(process.uptime())
    });
  } catch (error) {
    res.status(503).json({
      status: 'degraded',
      database: 'unreachable',
      error: error instanceof Error ? error.message : String(error)
    });
  }
});

export default router;

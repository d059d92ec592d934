import { Request, Response } from 'express';
import { prisma, executeWithRetry } from '../utils/prisma';
import { logger } from '../utils/logger';

export async function touch(req: Request, res: Response) {
  await executeWithRetry(() => prisma.user.update({ where: { id: 1 }, data: {} }));
  logger.info('done');
}

import { Request, Response } from 'express';
import { PrismaClient } from '@prisma/client';
import { executeWithRetry } from '../utils/prisma';
import { logger } from '../utils/logger';
const prisma = new PrismaClient();

export async function touch(req: Request, res: Response) {
  await executeWithRetry(() => prisma.user.update({ where: { id: 1 }, data: {} }));
  logger.info('done');
}

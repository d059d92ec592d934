import { PrismaClient } from '@prisma/client';
import { Request, Response } from 'express';
import { executeWithRetry } from '../utils/prisma';
const prisma = new PrismaClient();

export const remove = async (req: Request, res: Response) => {
  await executeWithRetry(() => prisma.reservation.delete({ where: { id: Number(req.params.id) } }));
  res.sendStatus(204);
};

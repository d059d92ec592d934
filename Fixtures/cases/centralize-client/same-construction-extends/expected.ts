import { Request, Response } from 'express';
import { prisma } from '../utils/prisma';

export const list = async (_req: Request, res: Response) => {
  res.json(await prisma.user.findMany({ cacheStrategy: { ttl: 60 } }));
};

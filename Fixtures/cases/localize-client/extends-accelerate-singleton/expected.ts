import { Request, Response } from 'express';
import { PrismaClient } from '@prisma/client';
import { withAccelerate } from '@prisma/extension-accelerate';
const prisma = new PrismaClient({
  log: ['error'],
}).$extends(withAccelerate());

export const list = async (_req: Request, res: Response) => {
  res.json(await prisma.user.findMany({ cacheStrategy: { ttl: 60 } }));
};

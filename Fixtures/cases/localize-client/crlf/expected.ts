import { Request, Response } from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();

export const list = async (_req: Request, res: Response) => {
  res.json(await prisma.branch.findMany());
};

import { Request, Response } from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();

export const listUsers = async (req: Request, res: Response) => {
  res.json(await prisma.user.findMany());
};

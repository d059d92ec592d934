import { Request, Response } from 'express';
import { prisma } from '../utils/prisma';

export const listUsers = async (req: Request, res: Response) => {
  res.json(await prisma.user.findMany());
};

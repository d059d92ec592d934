import { PrismaClient } from '@prisma/client';
import { Request, Response } from 'express';
const prisma = new PrismaClient();

export const remove = async (req: Request, res: Response) => {
  await prisma.reservation.delete({ where: { id: Number(req.params.id) } });
  res.sendStatus(204);
};

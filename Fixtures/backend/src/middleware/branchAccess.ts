import { Request, Response, NextFunction } from 'express';
import { prisma } from '../utils/prisma';

// Stellt sicher, dass der User der angefragten Niederlassung zugeordnet ist
export async function requireBranchAccess(req: Request, res: Response, next: NextFunction) {
  const branchId = Number(req.params.branchId ?? req.query.branchId ?? req.branchId);
  const userId = Number(req.userId);

  if (!branchId) {
    return next();
  }

  const assignment = await prisma.usersBranches.findFirst({
    where: { userId, branchId },
    select: { id: true }
  });

  if (!assignment) {
    return res.status(403).json({ message: 'Kein Zugriff auf diese Niederlassung' });
  }

  next();
}

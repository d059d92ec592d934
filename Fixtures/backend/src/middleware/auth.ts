import { Request, Response, NextFunction } from 'express';
import jwt from 'jsonwebtoken';
import type { User, Role } from '@prisma/client';
import { prisma } from '../utils/prisma';

interface TokenPayload {
  userId: number;
  roleId?: number;
}

export type AuthUser = Pick<User, 'id' | 'username' | 'email' | 'firstName' | 'lastName'> & {
  activeRole: Role | null;
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      userId?: string;
      roleId?: string;
      organizationId?: number;
      branchId?: number;
      user?: AuthUser;
    }
  }
}

const JWT_SECRET = process.env.JWT_SECRET || 'intranet-dev-secret';

export const authMiddleware = async (req: Request, res: Response, next: NextFunction) => {
  const header = req.headers.authorization;

  if (!header || !header.startsWith('Bearer ')) {
    return res.status(401).json({ message: 'Nicht authentifiziert' });
  }

  try {
    const payload = jwt.verify(header.substring(7), JWT_SECRET) as TokenPayload;

    const user = await prisma.user.findUnique({
      where: { id: payload.userId },
      select: {
        id: true,
        username: true,
        email: true,
        firstName: true,
        lastName: true,
        active: true,
        roles: {
          where: { lastUsed: true },
          select: { role: true }
        }
      }
    });

    if (!user || !user.active) {
      return res.status(401).json({ message: 'Benutzer nicht gefunden oder deaktiviert' });
    }

    const activeRole = user.roles[0]?.role ?? null;

    req.userId = String(user.id);
    req.roleId = activeRole ? String(activeRole.id) : undefined;
    req.user = {
      id: user.id,
      username: user.username,
      email: user.email,
      firstName: user.firstName,
      lastName: user.lastName,
      activeRole
    };

    next();
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) {
      return res.status(401).json({ message: 'Token abgelaufen' });
    }
    console.error('[auth] Token-Prüfung fehlgeschlagen:', error);
    return res.status(401).json({ message: 'Ungültiges Token' });
  }
};

import { Request, Response } from 'express';
import bcrypt from 'bcrypt';
import crypto from 'crypto';
import jwt from 'jsonwebtoken';
import { prisma, executeWithRetry } from '../utils/prisma';
import { userCache } from '../services/userCache';
import { organizationCache } from '../utils/organizationCache';

const JWT_SECRET = process.env.JWT_SECRET || 'intranet-dev-secret';
const JWT_EXPIRES_IN = '24h';
const SALT_ROUNDS = 10;
const MIN_PASSWORD_LENGTH = 8;

interface LoginBody {
  username: string;
  password: string;
}

interface RegisterBody extends LoginBody {
  email: string;
  firstName?: string;
  lastName?: string;
}

const signToken = (userId: number, roleId?: number) =>
  jwt.sign({ userId, roleId }, JWT_SECRET, { expiresIn: JWT_EXPIRES_IN });

const registerFailedLogin = async (identifier: string, ip?: string) => {
  try {
    await prisma.auditLog.create({
      data: {
        action: 'login_failed',
        entityType: 'User',
        details: { identifier, ip: ip ?? null }
      }
    });
  } catch (error) {
    console.warn('[auth] Fehlversuch konnte nicht protokolliert werden:', error);
  }
};

/**
 * POST /api/auth/register
 * Registriert einen neuen Benutzer (noch ohne Organisation)
 */
export const register = async (req: Request, res: Response) => {
  try {
    const { username, email, password, firstName, lastName } = req.body as RegisterBody;

    if (!username || !email || !password) {
      return res.status(400).json({ message: 'Benutzername, E-Mail und Passwort sind erforderlich' });
    }

    if (password.length < MIN_PASSWORD_LENGTH) {
      return res.status(400).json({ message: `Passwort muss mindestens ${MIN_PASSWORD_LENGTH} Zeichen haben` });
    }

    const existing = await prisma.user.findFirst({
      where: { OR: [{ username }, { email }] },
      select: { id: true }
    });

    if (existing) {
      return res.status(409).json({ message: 'Benutzername oder E-Mail bereits vergeben' });
    }

    const hashedPassword = await bcrypt.hash(password, SALT_ROUNDS);

    const user = await prisma.user.create({
      data: {
        username,
        email,
        password: hashedPassword,
        firstName: firstName ?? '',
        lastName: lastName ?? '',
        settings: {
          create: { darkMode: false, language: 'de' }
        }
      },
      select: { id: true, username: true, email: true, firstName: true, lastName: true }
    });

    const token = signToken(user.id);
    res.status(201).json({ token, user });
  } catch (error) {
    console.error('Error in register:', error);
    res.status(500).json({ message: 'Registrierung fehlgeschlagen' });
  }
};

/**
 * POST /api/auth/login
 * Login per Benutzername oder E-Mail
 */
export const login = async (req: Request, res: Response) => {
  try {
    const { username, password } = req.body as LoginBody;

    if (!username || !password) {
      return res.status(400).json({ message: 'Benutzername und Passwort erforderlich' });
    }

    const user = await prisma.user.findFirst({
      where: {
        OR: [{ username }, { email: username }]
      },
      include: {
        roles: {
          include: {
            role: {
              include: { organization: true }
            }
          }
        }
      }
    });

    if (!user || !(await bcrypt.compare(password, user.password))) {
      await registerFailedLogin(username, req.ip);
      return res.status(401).json({ message: 'Ungültige Anmeldedaten' });
    }

    if (!user.active) {
      return res.status(403).json({ message: 'Konto ist deaktiviert' });
    }

    // Zuletzt verwendete Rolle bevorzugen, sonst die erste
    const activeRole = user.roles.find((r) => r.lastUsed) ?? user.roles[0];
    if (activeRole && !activeRole.lastUsed) {
      await prisma.userRole.update({
        where: { id: activeRole.id },
        data: { lastUsed: true }
      });
    }

    await prisma.user.update({
      where: { id: user.id },
      data: { lastLoginAt: new Date() }
    });

    const token = signToken(user.id, activeRole?.roleId);
    const { password: _password, ...safeUser } = user;

    res.json({
      token,
      user: safeUser,
      organization: activeRole?.role.organization ?? null
    });
  } catch (error) {
    console.error('Error in login:', error);
    res.status(500).json({ message: 'Anmeldung fehlgeschlagen' });
  }
};

// POST /api/auth/logout - Token ist stateless, wir leeren nur die Caches
export const logout = async (req: Request, res: Response) => {
  const userId = Number(req.userId);
  if (userId) {
    userCache.invalidate(userId);
    organizationCache.invalidate(userId);
  }
  res.json({ message: 'Erfolgreich abgemeldet' });
};

export const getInvitationById = async (req: Request, res: Response) => {
  try {
    const id = Number(req.params.id);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Ungültige ID' });
    }

    const organizationId = req.organizationId;
    const invitation = await prisma.invitation.findFirst({
      where: { id, organizationId },
      include: {
        role: true
      }
    });

    if (!invitation) {
      return res.status(404).json({ message: 'Einladung nicht gefunden' });
    }

    res.json(invitation);
  } catch (error) {
    console.error('Error in getInvitationById:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Einladungen' });
  }
};

/**
 * Paginierte Liste der Onboarding-Status
 * GET /api/onboarding-statuses/paginated
 */
export const getOnboardingStatusesPaginated = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const page = Math.max(1, parseInt(String(req.query.page ?? '1'), 10));
    const limit = Math.min(100, parseInt(String(req.query.limit ?? '25'), 10));
    const where = { userId };

    const [onboardingList, total] = await Promise.all([
      prisma.onboardingStatus.findMany({
        where,
        skip: (page - 1) * limit,
        take: limit,
        orderBy: { createdAt: 'desc' }
      }),
      prisma.onboardingStatus.count({ where })
    ]);

    res.json({
      data: onboardingList,
      pagination: {
        page,
        limit,
        total,
        totalPages: Math.ceil(total / limit)
      }
    });
  } catch (error) {
    console.error('Error in getOnboardingStatusesPaginated:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Onboarding-Status' });
  }
};

/**
 * Massenänderung für Onboarding-Status
 * PATCH /api/onboarding-statuses/bulk
 */
export const bulkUpdateOnboardingStatuses = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const { ids, dismissed } = req.body as { ids: number[]; dismissed: boolean };

    if (!Array.isArray(ids) || ids.length === 0) {
      return res.status(400).json({ message: 'Keine IDs übergeben' });
    }

    const result = await prisma.onboardingStatus.updateMany({
      where: { id: { in: ids }, userId },
      data: { dismissed }
    });

    res.json({ updated: result.count });
  } catch (error) {
    console.error('Error in bulkUpdateOnboardingStatuses:', error);
    res.status(500).json({ message: 'Onboarding-Status konnte nicht aktualisiert werden' });
  }
};

export const createInvitation = async (req: Request, res: Response) => {
  try {
    const organizationId = req.organizationId;
    const { email, token } = req.body;

    if (!email) {
      return res.status(400).json({ message: 'Pflichtfeld fehlt: email' });
    }

    const invitation = await prisma.invitation.create({
      data: {
        email,
        token,
        organizationId
      }
    });

    res.status(201).json(invitation);
  } catch (error) {
    console.error('Error in createInvitation:', error);
    res.status(500).json({ message: 'Einladung konnte nicht erstellt werden' });
  }
};

/**
 * Onboarding-Status anlegen
 * POST /api/onboarding-statuses
 */
export const createOnboardingStatus = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const { currentStep, completedSteps } = req.body;

    if (!currentStep) {
      return res.status(400).json({ message: 'Pflichtfeld fehlt: currentStep' });
    }

    const onboarding = await prisma.onboardingStatus.create({
      data: {
        currentStep: Number(currentStep),
        completedSteps,
        userId
      }
    });

    res.status(201).json(onboarding);
  } catch (error) {
    console.error('Error in createOnboardingStatus:', error);
    res.status(500).json({ message: 'Onboarding-Status konnte nicht erstellt werden' });
  }
};

/**
 * Löscht mehrere Onboarding-Status
 * POST /api/onboarding-statuses/bulk-delete
 */
export const deleteOnboardingStatuses = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const ids: number[] = Array.isArray(req.body.ids) ? req.body.ids.map(Number) : [];
    if (ids.length === 0) {
      return res.status(400).json({ message: 'Keine IDs übergeben' });
    }

    const { count } = await prisma.onboardingStatus.deleteMany({
      where: { id: { in: ids }, userId }
    });

    res.json({ deleted: count });
  } catch (error) {
    console.error('Error in deleteOnboardingStatuses:', error);
    res.status(500).json({ message: 'Onboarding-Status konnte nicht gelöscht werden' });
  }
};

export const saveUserSettings = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const { darkMode, language, sidebarCollapsed, timezone } = req.body;

    const settings = await prisma.userSettings.upsert({
      where: { userId },
      update: {
        ...(darkMode !== undefined && { darkMode }),
        ...(language !== undefined && { language }),
        ...(sidebarCollapsed !== undefined && { sidebarCollapsed }),
        ...(timezone !== undefined && { timezone })
      },
      create: {
        userId,
        darkMode: Boolean(darkMode),
        language,
        sidebarCollapsed: Boolean(sidebarCollapsed),
        timezone
      }
    });

    res.json(settings);
  } catch (error) {
    console.error('Error in saveUserSettings:', error);
    res.status(500).json({ message: 'Einstellung konnte nicht gespeichert werden' });
  }
};

export const countOnboardingStatuses = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const total = await prisma.onboardingStatus.count({
      where: { userId }
    });
    res.json({ total });
  } catch (error) {
    console.error('Error in countOnboardingStatuses:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Onboarding-Status' });
  }
};

export const updateInvitation = async (req: Request, res: Response) => {
  try {
    const id = Number(req.params.id);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Ungültige ID' });
    }

    const organizationId = req.organizationId;
    const existing = await prisma.invitation.findFirst({ where: { id, organizationId } });
    if (!existing) {
      return res.status(404).json({ message: 'Einladung nicht gefunden' });
    }

    const { email, token, expiresAt } = req.body;
    const updated = await prisma.invitation.update({
      where: { id },
      data: {
        ...(email !== undefined && { email }),
        ...(token !== undefined && { token }),
        ...(expiresAt !== undefined && { expiresAt: expiresAt ? new Date(expiresAt) : null })
      }
    });

    res.json(updated);
  } catch (error) {
    console.error('Error in updateInvitation:', error);
    res.status(500).json({ message: 'Einladung konnte nicht aktualisiert werden' });
  }
};

/**
 * GET /api/auth/user
 * Liefert den eingeloggten Benutzer inkl. Rollen, Branches und Einstellungen
 */
export const getCurrentUser = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    if (!userId) {
      return res.status(401).json({ message: 'Nicht authentifiziert' });
    }

    const user = await executeWithRetry(() =>
      prisma.user.findUnique({
        where: { id: userId },
        include: {
          roles: {
            include: {
              role: {
                include: { permissions: true, organization: true }
              }
            }
          },
          branches: {
            include: { branch: true }
          },
          settings: true
        }
      })
    );

    if (!user) {
      return res.status(404).json({ message: 'Benutzer nicht gefunden' });
    }

    const { password: _password, ...userWithoutPassword } = user;
    res.json(userWithoutPassword);
  } catch (error) {
    console.error('Error in getCurrentUser:', error);
    res.status(500).json({ message: 'Interner Serverfehler' });
  }
};

export const requestPasswordReset = async (req: Request, res: Response) => {
  try {
    const email = String(req.body.email ?? '').trim().toLowerCase();
    const user = await prisma.user.findUnique({ where: { email } });

    // Immer dieselbe Antwort, damit keine E-Mail-Adressen erraten werden können
    if (user) {
      const token = crypto.randomBytes(32).toString('hex');
      await prisma.passwordResetToken.create({
        data: {
          userId: user.id,
          token,
          expiresAt: new Date(Date.now() + 60 * 60 * 1000)
        }
      });
      console.log(`[auth] Reset-Link für ${email}: ${process.env.FRONTEND_URL}/reset-password?token=${token}`);
    }

    res.json({ message: 'Falls die E-Mail existiert, wurde ein Link versendet' });
  } catch (error) {
    console.error('Error in requestPasswordReset:', error);
    res.status(500).json({ message: 'Interner Serverfehler' });
  }
};

export const resetPassword = async (req: Request, res: Response) => {
  try {
    const { token, password } = req.body as { token?: string; password?: string };

    if (!token || !password || password.length < MIN_PASSWORD_LENGTH) {
      return res.status(400).json({ message: 'Token und gültiges Passwort erforderlich' });
    }

    const resetToken = await prisma.passwordResetToken.findFirst({
      where: { token, usedAt: null, expiresAt: { gt: new Date() } }
    });

    if (!resetToken) {
      return res.status(400).json({ message: 'Link ungültig oder abgelaufen' });
    }

    const hashedPassword = await bcrypt.hash(password, SALT_ROUNDS);

    await prisma.user.update({
      where: { id: resetToken.userId },
      data: { password: hashedPassword }
    });
    await prisma.passwordResetToken.update({
      where: { id: resetToken.id },
      data: { usedAt: new Date() }
    });

    userCache.invalidate(resetToken.userId);
    res.json({ message: 'Passwort wurde geändert' });
  } catch (error) {
    console.error('Error in resetPassword:', error);
    res.status(500).json({ message: 'Interner Serverfehler' });
  }
};

// GET /api/user-settings-list/search
export const searchUserSettingsList = async (req: Request, res: Response) => {
  try {
    const userId = Number(req.userId);
    const term = String(req.query.q ?? '').trim();
    if (term.length < 2) {
      return res.json([]);
    }

    const results = await prisma.userSettings.findMany({
      where: {
        userId,
        OR: [
          { language: { contains: term, mode: 'insensitive' } },
          { timezone: { contains: term, mode: 'insensitive' } }
        ]
      },
      select: { id: true, language: true, timezone: true },
      take: 10
    });

    res.json(results);
  } catch (error) {
    console.error('Error in searchUserSettingsList:', error);
    res.status(500).json({ message: 'Fehler beim Laden der Einstellungen' });
  }
};

export const deleteUserSettings = async (req: Request, res: Response) => {
  try {
    const id = Number(req.params.id);
    if (isNaN(id)) {
      return res.status(400).json({ message: 'Ungültige ID' });
    }

    const userId = Number(req.userId);
    const existing = await prisma.userSettings.findFirst({ where: { id, userId } });
    if (!existing) {
      return res.status(404).json({ message: 'Einstellung nicht gefunden' });
    }

    await prisma.userSettings.delete({ where: { id } });
    res.status(204).send();
  } catch (error) {
    console.error('Error in deleteUserSettings:', error);
    res.status(500).json({ message: 'Einstellung konnte nicht gelöscht werden' });
  }
};

import { Request, Response } from 'express';
import winston from 'winston';
import { prisma } from '../utils/prisma';

interface AuthenticatedRequest extends Request {
  userId?: string;
  roleId?: string;
  organizationId?: number;
  branchId?: number;
}

const logger = winston.createLogger({
  level: process.env.LOG_LEVEL || 'info',
  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
  transports: [new winston.transports.Console()]
});

/**
 * Saves setting (create or update)
 * PUT /api/user-settings-list
 */
export const saveUserSettings = async (req: AuthenticatedRequest, res: Response) => {
  try {
    const userId = Number(req.userId);
    const { darkMode, language, sidebarCollapsed } = req.body;

    const settings = await prisma.userSettings.upsert({
      where: { userId },
      update: {
        ...(darkMode !== undefined && { darkMode }),
        ...(language !== undefined && { language }),
        ...(sidebarCollapsed !== undefined && { sidebarCollapsed })
      },
      create: {
        userId,
        darkMode: Boolean(darkMode),
        language,
        sidebarCollapsed: Boolean(sidebarCollapsed)
      }
    });

    res.json(settings);
  } catch (error) {
    logger.error(`saveUserSettings failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Could not save setting', error: error instanceof Error ? error.message : 'Unknown error' });
  }
};

/**
 * GET /api/user-settings-list/paginated
 */
export const getUserSettingsListPaginated = async (req: AuthenticatedRequest, res: Response) => {
  try {
    const userId = Number(req.userId);
    const page = Math.max(1, parseInt(String(req.query.page ?? '1'), 10));
    const limit = Math.min(100, parseInt(String(req.query.limit ?? '25'), 10));
    const where = { userId };

    const [settingsList, total] = await Promise.all([
      prisma.userSettings.findMany({
        where,
        skip: (page - 1) * limit,
        take: limit,
        orderBy: { createdAt: 'desc' }
      }),
      prisma.userSettings.count({ where })
    ]);

    res.json({
      data: settingsList,
      pagination: {
        page,
        limit,
        total,
        totalPages: Math.ceil(total / limit)
      }
    });
  } catch (error) {
    logger.error(`getUserSettingsListPaginated failed: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ message: 'Error loading settings', error: error instanceof Error ? error.message : 'Unknown error' });
  }
};

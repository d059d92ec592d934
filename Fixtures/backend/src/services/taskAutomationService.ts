import { prisma } from '../utils/prisma';
import winston from 'winston';

const logger = winston.createLogger({
  level: process.env.LOG_LEVEL || 'info',
  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
  transports: [new winston.transports.Console()]
});

/**
 * Lädt Anfragen
 */
export const getRequestsForOrganization = async (organizationId: number, limit = 50) => {
  return prisma.request.findMany({
    where: { organizationId },
    include: {
      requester: { select: { id: true, firstName: true, lastName: true } },
      responsible: { select: { id: true, firstName: true, lastName: true } },
      branch: { select: { id: true, name: true } }
    },
    orderBy: { createdAt: 'desc' },
    take: limit
  });
};

export class TaskRepository {
  static async findAll(organizationId: number) {
    return prisma.task.findMany({ where: { organizationId }, orderBy: { createdAt: 'desc' } });
  }

  static async findById(id: number) {
    return prisma.task.findUnique({ where: { id } });
  }

  static async exists(id: number): Promise<boolean> {
    const found = await prisma.task.count({ where: { id } });
    return found > 0;
  }
}

// Aufgaben nach Status gruppiert
export const getTaskStatusBreakdown = async (organizationId: number) => {
  const rows = await prisma.task.groupBy({
    by: ['status'],
    where: { organizationId },
    _count: { _all: true }
  });

  return Object.fromEntries(rows.map((row) => [row.status, row._count._all]));
};

/**
 * Zählt Anfragen
 * Wird u.a. vom Scheduler aufgerufen.
 */
export const countRequests = async (organizationId: number): Promise<number> => {
  return prisma.request.count({ where: { organizationId, createTodo: true } });
};

export interface TaskSyncInput {
  id?: number;
  title: string;
  description: string;
}

export const syncTasks = async (organizationId: number, items: TaskSyncInput[]): Promise<number> => {
  let synced = 0;

  for (const item of items) {
    await prisma.task.upsert({
      where: { id: item.id ?? 0 },
      update: {
        title: item.title,
        description: item.description
      },
      create: {
        title: item.title,
        description: item.description,
        organizationId
      }
    });
    synced += 1;
  }

  return synced;
};

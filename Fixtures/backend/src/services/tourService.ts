import { prisma } from '../utils/prisma';

// Tourbuchungen nach Status gruppiert
export const getTourBookingStatusBreakdown = async (organizationId: number) => {
  const rows = await prisma.tourBooking.groupBy({
    by: ['status'],
    where: { organizationId },
    _count: { _all: true }
  });

  return Object.fromEntries(rows.map((row) => [row.status, row._count._all]));
};

export interface TourSyncInput {
  id?: number;
  title: string;
  description: string;
  durationMinutes: number;
}

export const syncTours = async (organizationId: number, items: TourSyncInput[]): Promise<number> => {
  let synced = 0;

  for (const item of items) {
    await prisma.tour.upsert({
      where: { id: item.id ?? 0 },
      update: {
        title: item.title,
        description: item.description,
        durationMinutes: item.durationMinutes
      },
      create: {
        title: item.title,
        description: item.description,
        durationMinutes: item.durationMinutes,
        organizationId
      }
    });
    synced += 1;
  }

  return synced;
};

/**
 * Zählt Touren
 * Wird u.a. vom Scheduler aufgerufen.
 */
export const countTours = async (organizationId: number): Promise<number> => {
  return prisma.tour.count({ where: { organizationId } });
};

export const getTourBookingsForOrganization = async (organizationId: number, limit = 50) => {
  return prisma.tourBooking.findMany({
    where: { organizationId },
    include: {
      tour: { select: { id: true, title: true } }
    },
    orderBy: { createdAt: 'desc' },
    take: limit
  });
};

export const cleanupOldTours = async (olderThanDays = 30): Promise<number> => {
  const cutoff = new Date();
  cutoff.setDate(cutoff.getDate() - olderThanDays);

  const { count } = await prisma.tour.deleteMany({
    where: { createdAt: { lt: cutoff } }
  });

  if (count > 0) {
    console.log(`[TourService] ${count} alte Einträge entfernt (tour)`);
  }
  return count;
};

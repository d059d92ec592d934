import { prisma } from '../utils/prisma';

/**
 * consultation by id or throw
 * Also used by the scheduler.
 */
export const findConsultationOrThrow = async (id: number) => {
  const consultation = await prisma.consultation.findUnique({ where: { id } });
  if (!consultation) {
    throw new Error(`Consultation ${id} not found`);
  }
  return consultation;
};

export const cleanupOldConsultations = async (olderThanDays = 30): Promise<number> => {
  const cutoff = new Date();
  cutoff.setDate(cutoff.getDate() - olderThanDays);

  const { count } = await prisma.consultation.deleteMany({
    where: { createdAt: { lt: cutoff } }
  });

  if (count > 0) {
    console.log(`[ReportService] ${count} old entries removed (consultation)`);
  }
  return count;
};

/**
 * Removes old monthly reports
 */
export const cleanupOldMonthlyReports = async (olderThanDays = 365): Promise<number> => {
  const cutoff = new Date();
  cutoff.setDate(cutoff.getDate() - olderThanDays);

  const { count } = await prisma.monthlyReport.deleteMany({
    where: { createdAt: { lt: cutoff } }
  });

  if (count > 0) {
    console.log(`[ReportService] ${count} old entries removed (monthlyReport)`);
  }
  return count;
};

/**
 * Sets the status
 * Also used by the scheduler.
 */
export const setMonthlyReportStatus = async (id: number, status: string) => {
  return prisma.monthlyReport.update({
    where: { id },
    data: { status }
  });
};

// Loads consultations
export const getConsultationsForUser = async (userId: number, limit = 200) => {
  return prisma.consultation.findMany({
    where: { userId },
    orderBy: { startTime: 'desc' },
    take: limit
  });
};

import { prisma, executeWithRetry } from '../utils/prisma';

export async function later() {
  const pending = executeWithRetry(() => prisma.consultation.findMany());
  return pending;
}

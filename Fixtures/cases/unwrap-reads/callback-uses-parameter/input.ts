import { prisma, executeWithRetry } from '../utils/prisma';

export async function page() {
  return executeWithRetry((attempt: number) => prisma.request.findMany({ take: 10 * attempt }));
}

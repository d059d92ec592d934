import { prisma, executeWithRetry } from '../utils/prisma';

export async function slow() {
  return await executeWithRetry(() => prisma.document.findMany(), 5, 250);
}

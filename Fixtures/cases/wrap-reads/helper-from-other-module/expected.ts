import { executeWithRetry } from '../lib/retry';
import { prisma } from '../utils/prisma';

export async function roles() {
  return await executeWithRetry(() => prisma.role.findMany());
}

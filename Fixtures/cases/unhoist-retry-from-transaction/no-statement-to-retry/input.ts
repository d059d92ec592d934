import { prisma, executeWithRetry } from '../utils/prisma';
import { settle } from './settle';

export async function settleAll() {
  return executeWithRetry(() => prisma.$transaction(async (tx) => settle(tx)));
}

import { prisma, executeWithRetry } from '../utils/prisma';

export function findInvoices(clientId: number) {
  return executeWithRetry(() => prisma.invoice.findMany({ where: { clientId } }));
}

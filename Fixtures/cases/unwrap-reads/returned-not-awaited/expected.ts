import { prisma } from '../utils/prisma';

export function findInvoices(clientId: number) {
  return prisma.invoice.findMany({ where: { clientId } });
}

// Controllers share one client (see utils/prisma.ts).
import { prisma } from '../utils/prisma'; // the shared client

/** Lists invoices. */
export const invoices = () => prisma.invoice.findMany();

// Controllers share one client (see utils/prisma.ts).
import { PrismaClient } from '@prisma/client'; // the shared client
const prisma = new PrismaClient();

/** Lists invoices. */
export const invoices = () => prisma.invoice.findMany();

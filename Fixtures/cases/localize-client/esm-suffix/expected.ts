import { PrismaClient } from '@prisma/client';
import { audit } from '../services/audit.js';
const prisma = new PrismaClient();

export const remove = async (id: number) => {
  await prisma.document.delete({ where: { id } });
  audit('document', id);
};

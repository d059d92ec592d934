import { prisma } from '../utils/prisma.js';
import { audit } from '../services/audit.js';

export const remove = async (id: number) => {
  await prisma.document.delete({ where: { id } });
  audit('document', id);
};

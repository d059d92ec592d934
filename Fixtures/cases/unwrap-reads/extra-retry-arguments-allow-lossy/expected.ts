import { prisma } from '../utils/prisma';

export async function slow() {
  return await prisma.document.findMany();
}

import { prisma } from '../utils/prisma';

export async function log(id: number) {
  await prisma.$executeRaw`
    UPDATE payroll
       SET checked = true
     WHERE id = ${id}
  `;
}

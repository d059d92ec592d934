import { prisma, executeWithRetry } from '../utils/prisma';

export async function log(id: number) {
  await executeWithRetry(() =>
    prisma.$executeRaw`
    UPDATE payroll
       SET checked = true
     WHERE id = ${id}
  `
  );
}

import { prisma, executeWithRetry } from '../utils/prisma';

export async function rename(id: number, name: string) {
  const existing = await prisma.organization.findUnique({ where: { id } });
  if (!existing) return null;
  return executeWithRetry(() => prisma.organization.update({ where: { id }, data: { name } }));
}

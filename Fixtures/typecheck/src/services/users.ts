import { prisma, executeWithRetry } from '../utils/prisma';

export async function listUsers() {
  return await executeWithRetry(() => prisma.user.findMany({ orderBy: { id: 'asc' } }));
}

export async function getUser(id: number) {
  const user = await executeWithRetry(() =>
    prisma.user.findUnique({
      where: { id },
    })
  );
  return user;
}

export async function renameUser(id: number, name: string) {
  return await prisma.user.update({ where: { id }, data: { name } });
}

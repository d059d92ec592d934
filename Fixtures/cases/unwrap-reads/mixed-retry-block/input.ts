import { prisma, executeWithRetry } from '../utils/prisma';

export async function snapshot() {
  return executeWithRetry(async () => {
    const users = await prisma.user.findMany();
    await prisma.log.create({ data: { count: users.length } });
    return users;
  });
}

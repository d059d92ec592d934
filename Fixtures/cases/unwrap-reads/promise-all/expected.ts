import { prisma } from '../utils/prisma';

export async function dashboard() {
  const [users, roles] = await Promise.all([
    prisma.user.count(),
    prisma.role.findMany(),
  ]);
  return { users, roles };
}

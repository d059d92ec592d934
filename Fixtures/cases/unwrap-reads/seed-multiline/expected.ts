import { prisma } from '../utils/prisma';

export async function getActiveRole(userId: number) {
  try {
    const userRole = await prisma.userRole.findFirst({
      where: { userId, lastUsed: true },
      include: { role: true }
    });
    return userRole;
  } catch (error) {
    return null;
  }
}

import bcrypt from 'bcrypt';
import { prisma } from '../utils/prisma';

export async function setPassword(id: number, password: string) {
  await prisma.user.update({
    where: { id },
    data: { password: await bcrypt.hash(password, 10) },
  });
}

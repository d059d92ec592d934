import bcrypt from 'bcrypt';
import { prisma, executeWithRetry } from '../utils/prisma';

export async function setPassword(id: number, password: string) {
  await executeWithRetry(async () =>
    prisma.user.update({
      where: { id },
      data: { password: await bcrypt.hash(password, 10) },
    })
  );
}

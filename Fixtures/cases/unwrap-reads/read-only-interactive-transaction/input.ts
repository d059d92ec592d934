import { prisma, executeWithRetry } from '../utils/prisma';
import { audit } from './audit';

export async function overview() {
  const counts = await executeWithRetry(() =>
    prisma.$transaction(async (tx) => {
      const users = await tx.user.count();
      const open = await tx.task.count({ where: { done: false } });
      return { users, open };
    })
  );
  // The callback hands its client to other code, which may write: a write retry.
  const audited = await executeWithRetry(() =>
    prisma.$transaction(async (tx) => {
      const users = await tx.user.findMany();
      await audit(tx, users);
      return users;
    })
  );
  return { counts, audited };
}

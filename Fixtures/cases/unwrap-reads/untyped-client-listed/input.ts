import { executeWithRetry } from '../utils/prisma';

export async function listTasks(client, owner: number) {
  return executeWithRetry(() => client.task.findMany({ where: { owner } }));
}

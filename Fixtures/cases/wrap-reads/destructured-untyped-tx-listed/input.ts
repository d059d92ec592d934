import { withTransaction } from '../utils/transactions';

export async function openTasks() {
  return withTransaction(async ({ tx }) => tx.task.findMany({ where: { done: false } }));
}

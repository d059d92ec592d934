import { prisma, executeWithRetry } from '../utils/prisma';

export async function placeOrder(userId: number, items: { id: number; qty: number }[]) {
  // one order, its stock moves
  const order = await executeWithRetry(() =>
    prisma.$transaction(async (tx) => {
      const created = await tx.order.create({
        data: { userId },
      });
      for (const item of items) {
        await tx.stock.update({ where: { id: item.id }, data: { qty: { decrement: item.qty } } });
      }
      return created;
    })
  );
  return order;
}

export function cancel(id: number) {
  return executeWithRetry(() =>
    prisma.$transaction(async (tx) => {
      await tx.order.delete({ where: { id } });
    })
  );
}

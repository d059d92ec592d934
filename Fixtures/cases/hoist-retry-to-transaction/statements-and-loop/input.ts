import { prisma, executeWithRetry } from '../utils/prisma';

export async function placeOrder(userId: number, items: { id: number; qty: number }[]) {
  // one order, its stock moves
  const order = await prisma.$transaction(async (tx) => {
    const created = await executeWithRetry(() =>
      tx.order.create({
        data: { userId },
      })
    );
    for (const item of items) {
      await executeWithRetry(() => tx.stock.update({ where: { id: item.id }, data: { qty: { decrement: item.qty } } }));
    }
    return created;
  });
  return order;
}

export function cancel(id: number) {
  return prisma.$transaction(async (tx) => {
    await executeWithRetry(() => tx.order.delete({ where: { id } }));
  });
}

import { prisma, executeWithRetry } from '../utils/prisma';

export async function pay(id: number) {
  await prisma.$transaction(async (tx) => {
    await executeWithRetry(() => tx.payment.create({ data: { orderId: id } }), 5);
  });
}

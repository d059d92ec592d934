import { prisma, executeWithRetry } from '../utils/prisma';

export function cancelOrder(id: number) {
	return prisma.$transaction(async (tx) => {
		await executeWithRetry(() => tx.orderItem.deleteMany({ where: { orderId: id } }));
		return executeWithRetry(() => tx.order.delete({ where: { id } }));
	});
}

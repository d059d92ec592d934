import { prisma, executeWithRetry } from '../utils/prisma';

export function cancelOrder(id: number) {
	return executeWithRetry(() =>
		prisma.$transaction(async (tx) => {
			await tx.orderItem.deleteMany({ where: { orderId: id } });
			return tx.order.delete({ where: { id } });
		})
	);
}

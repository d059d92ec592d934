import { prisma, executeWithRetry } from "../utils/prisma"

export async function save(id: number) {
	await executeWithRetry(() =>
		prisma.task.update({
			where: { id },
			data: { done: true }
		})
	)
}

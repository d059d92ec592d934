import { prisma } from "../utils/prisma"

export async function save(id: number) {
	await prisma.task.update({
		where: { id },
		data: { done: true }
	})
}

import { prisma, executeWithRetry } from '../utils/prisma';

export async function load(id: number) {
	const user = await executeWithRetry(() =>
		prisma.user.findUnique({
			where: { id }
		})
	);
	return user;
}

import { prisma } from '../utils/prisma';

export async function load(id: number) {
	const user = await prisma.user.findUnique({
		where: { id }
	});
	return user;
}

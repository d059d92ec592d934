import {
	prisma,
	executeWithRetry,
} from '../utils/prisma';

export function save(id: number) {
	return executeWithRetry(() => prisma.task.delete({ where: { id } }));
}

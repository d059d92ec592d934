import { PrismaClient } from '@prisma/client';
import {
	executeWithRetry,
} from '../utils/prisma';
const prisma = new PrismaClient();

export function save(id: number) {
	return executeWithRetry(() => prisma.task.delete({ where: { id } }));
}

import { PrismaClient } from '@prisma/client';
import { notify } from '@/services/notify';
const prisma = new PrismaClient();

export const archive = (id: number) => prisma.task.update({ where: { id }, data: { archived: true } }).then(notify);

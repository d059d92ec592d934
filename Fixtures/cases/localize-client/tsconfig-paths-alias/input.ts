import { prisma } from '@/utils/prisma';
import { notify } from '@/services/notify';

export const archive = (id: number) => prisma.task.update({ where: { id }, data: { archived: true } }).then(notify);

import { prisma } from '@/utils/prisma';
import { notify } from '@/services/notify';

export const pending = () => prisma.request.count().then(notify);

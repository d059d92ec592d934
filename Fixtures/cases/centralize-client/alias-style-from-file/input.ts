import { PrismaClient } from '@prisma/client';
import { notify } from '@/services/notify';
const prisma = new PrismaClient();

export const pending = () => prisma.request.count().then(notify);

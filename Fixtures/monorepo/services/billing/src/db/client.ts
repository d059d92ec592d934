import { PrismaClient } from '@prisma/client';

import { executeWithRetry } from './retry.js';

const prisma = new PrismaClient();

export { prisma as client, executeWithRetry };

import { PrismaClient } from '@prisma/client'

import { executeWithRetry } from './retry.server.ts'

const globalForPrisma = globalThis as unknown as { prisma: PrismaClient | undefined }

export const prisma = globalForPrisma.prisma ?? new PrismaClient()

if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma

export { executeWithRetry }

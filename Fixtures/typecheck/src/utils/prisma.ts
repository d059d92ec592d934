import { PrismaClient } from '@prisma/client';

export const prisma = new PrismaClient();

/** Retries an operation a few times; meant for writes. */
export const executeWithRetry = async <T>(operation: () => Promise<T>, maxRetries = 3): Promise<T> => {
  let lastError: unknown;
  for (let attempt = 1; attempt <= maxRetries; attempt++) {
    try {
      return await operation();
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
};

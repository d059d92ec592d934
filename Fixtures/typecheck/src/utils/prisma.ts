import { PrismaClient } from '@prisma/client';
import { withAccelerate } from '@prisma/extension-accelerate';

// Built with an extension: a local client must repeat it, or the file is left.
export const prisma = new PrismaClient().$extends(withAccelerate());

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

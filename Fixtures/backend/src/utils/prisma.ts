import { PrismaClient } from '@prisma/client';
import { PrismaClientKnownRequestError } from '@prisma/client/runtime/library';

/**
 * Zentrale Prisma-Instanz (Singleton)
 *
 * Vorher: 71 Dateien mit jeweils eigener PrismaClient-Instanz (= 71 Connection Pools).
 * Jetzt: eine Instanz für das ganze Backend. Die Pool-Größe kommt aus der
 * DATABASE_URL (connection_limit=100, pool_timeout=20).
 */
const globalForPrisma = globalThis as unknown as {
  prisma: PrismaClient | undefined;
};

const enableQueryLogging =
  process.env.ENABLE_QUERY_LOGGING === 'true' || process.env.NODE_ENV === 'development';

const createPrismaClient = () => new PrismaClient({
  log: enableQueryLogging ? ['query', 'error', 'warn'] : ['error']
});

export const prisma = globalForPrisma.prisma ?? createPrismaClient();

if (process.env.NODE_ENV !== 'production') {
  globalForPrisma.prisma = prisma;
}

// Verbindungsfehler, bei denen sich ein erneuter Versuch lohnt
const RETRYABLE_ERROR_CODES = ['P1001', 'P1002', 'P1008', 'P1017', 'P2024'];

const isRetryableError = (error: unknown): boolean => {
  if (error instanceof PrismaClientKnownRequestError) {
    return RETRYABLE_ERROR_CODES.includes(error.code);
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.includes(`Can't reach database server`) || message.includes('Timed out fetching a new connection');
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Führt eine DB-Operation mit Retry-Logik aus.
 * Gedacht für CREATE/UPDATE/DELETE: bei Verbindungsfehlern wird bis zu maxRetries-mal
 * neu versucht (mit steigender Wartezeit und Reconnect).
 */
export const executeWithRetry = async <T>(operation: () => Promise<T>, maxRetries = 3, retryDelay = 1000): Promise<T> => {
  let lastError: unknown;

  for (let attempt = 1; attempt <= maxRetries; attempt++) {
    try {
      return await operation();
    } catch (error) {
      lastError = error;

      if (!isRetryableError(error)) {
        throw error;
      }

      const message = error instanceof Error ? error.message : String(error);
      console.warn(`[Prisma] DB connection error (attempt ${attempt}/${maxRetries}): ${message}`);

      if (attempt === maxRetries) {
        break;
      }

      await sleep(retryDelay * attempt);

      try {
        await prisma.$disconnect();
        await prisma.$connect();
      } catch (reconnectError) {
        console.error('[Prisma] Reconnect fehlgeschlagen:', reconnectError);
      }
    }
  }

  throw lastError;
};

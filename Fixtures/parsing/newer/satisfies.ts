// `satisfies` (TypeScript 4.9): newer than Debian's tsc 4.8, so only tree-sitter judges it.
import { prisma } from './prisma';

export const config = { retries: 3, delay: 100 } satisfies Record<string, number>;

export async function rows() {
  const result = await prisma.$queryRaw<{ n: number }[]>`SELECT 1 AS n`;
  return { result } satisfies { result: unknown };
}

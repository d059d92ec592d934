// Typed tagged templates (tree-sitter-typescript #341) in every shape of type argument.
import { prisma } from './prisma';

type Row = { id: number; total: bigint };

export async function shapes(id: number, x: number, y: number) {
  const simple = await prisma.$queryRaw<Row[]>`SELECT * FROM "User" WHERE id = ${id}`;
  // Prettier's default: object members separated by `;`.
  const byDay = await prisma.$queryRaw<{ day: Date; total: number }[]>`
    SELECT date_trunc('day', "createdAt") AS day, count(*)::int AS total
      FROM "Order"
     GROUP BY 1
  `;
  const nested = await prisma.$queryRaw<{ user: { id: string; tags: { name: string }[] }; n: number }[]>`SELECT 1`;
  const literals = await prisma.$queryRaw<{ status: 'a' | "b>" | 'c;d' | "e\"}" }[]>`SELECT status FROM t`;
  const templateType = await prisma.$queryRaw<{ id: `user_${string}`; key: `${number}-${'a' | 'b'}` }[]>`SELECT id FROM t`;
  const functionType = await prisma.$queryRaw<{ format: (value: number) => string }[]>`SELECT 1`;
  const generics = await prisma.$queryRaw<Array<Map<string, Record<string, number>>>>`SELECT 1`;
  const tuple = await prisma.$queryRaw<[id: string, count?: number][]>`SELECT 1`;
  const mapped = await prisma.$queryRaw<{ readonly [K in 'a' | 'b']-?: K }[]>`SELECT 1`;
  const query = await prisma.$queryRaw<keyof typeof prisma>`SELECT 1`;
  const multiline = await prisma.$queryRaw<{
    // a line comment; with a semicolon
    id: number; /* a block comment > */
    name: string | null;
  }[]>`SELECT id, name FROM "User"`;
  const nextLine = await prisma.$queryRaw<Row[]>
    `SELECT 1`;
  const inside = await prisma.$queryRaw<{ n: number }[]>`SELECT ${x < y ? 1 : 2} AS n`;
  const inTransaction = await prisma.$transaction(async (tx) => tx.$queryRaw<{ ok: boolean }[]>`SELECT true AS ok`);
  const executed = await prisma.$executeRaw<number>`DELETE FROM t WHERE id = ${id}`;
  const unicode = await prisma.$queryRaw<{ 'prénom': string; city: '東京' | 'Zürich' }[]>`SELECT 1`;
  return [simple, byDay, nested, literals, templateType, functionType, generics, tuple, mapped, query, multiline, nextLine, inside,
    inTransaction, executed, unicode];
}

// Comparisons around templates stay comparisons: none of these is a typed template.
export function comparisons(a: number, b: number, c: number, s: string) {
  const and = a < b && c > `x`.length;
  const sum = a < b + c;
  return [and, sum, s];
}

declare function tag<T>(strings: TemplateStringsArray, ...values: unknown[]): T;
export const viaFunction = tag<{ a: string }>`a ${1 < 2 ? 'b' : 'c'} d`;
export const plain = tag`no type arguments`;

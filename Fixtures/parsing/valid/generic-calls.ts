// Explicit type arguments on awaited calls (tree-sitter-typescript #282): the analysis,
// not the parse, deals with these; they must parse as they are.
import { prisma } from './prisma';

declare function retry<T>(operation: () => Promise<T>): Promise<T>;
declare function cast<T>(value: unknown): T;

export async function generics() {
  const users = await retry<{ id: number; name: string }[]>(() => prisma.user.findMany());
  const one = await cast<number>(1);
  const viaClient = await prisma.user.findMany<{ where: { id: number } }>({ where: { id: 1 } });
  const angle = <string>(one as unknown);
  const template = <string>`cast`;
  return [users, one, viaClient, angle, template];
}

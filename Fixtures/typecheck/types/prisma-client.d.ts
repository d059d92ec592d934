// Type stubs for the parts of @prisma/client the fixture uses, written for the tests
// (the real package is not installed): enough for tsc to see undefined names, missing
// imports, wrong awaits and use before declaration.
declare module '@prisma/client' {
  type Row = { id: number; name: string; title: string; userId: number; text: string };
  type BatchResult = { count: number };

  interface Delegate {
    findMany(args?: object): Promise<Row[]>;
    findUnique(args: object): Promise<Row | null>;
    findUniqueOrThrow(args: object): Promise<Row>;
    findFirst(args?: object): Promise<Row | null>;
    findFirstOrThrow(args?: object): Promise<Row>;
    count(args?: object): Promise<number>;
    aggregate(args: object): Promise<Record<string, unknown>>;
    groupBy(args: object): Promise<Record<string, unknown>[]>;
    create(args: object): Promise<Row>;
    createMany(args: object): Promise<BatchResult>;
    update(args: object): Promise<Row>;
    updateMany(args: object): Promise<BatchResult>;
    upsert(args: object): Promise<Row>;
    delete(args: object): Promise<Row>;
    deleteMany(args?: object): Promise<BatchResult>;
  }

  export namespace Prisma {
    type TransactionClient = Omit<PrismaClient, '$transaction' | '$connect' | '$disconnect' | '$extends'>;
    interface Sql {
      readonly strings: readonly string[];
    }
    function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql;
  }

  export class PrismaClient {
    constructor(options?: { log?: string[]; datasources?: object; adapter?: unknown });
    user: Delegate;
    post: Delegate;
    notification: Delegate;
    $connect(): Promise<void>;
    $disconnect(): Promise<void>;
    $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T>;
    $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
    $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number>;
    $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
    $transaction<P extends Promise<unknown>[]>(operations: [...P]): Promise<{ [K in keyof P]: Awaited<P[K]> }>;
    $transaction<R>(fn: (tx: Prisma.TransactionClient) => Promise<R>, options?: object): Promise<R>;
    $extends(extension: unknown): this;
  }
}

declare module '@prisma/extension-accelerate' {
  export function withAccelerate(): unknown;
}

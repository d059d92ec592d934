import CodemodCore
import PrismaTransforms
import SyntaxTree
import XCTest

final class PrismaFileTests: XCTestCase {
    private func analyse(_ text: String, clientTypes: [String] = [], schemaModels: Set<String> = [],
                         language: Language = .typescript) throws -> PrismaFile {
        let file = try ParsedFile(path: language == .javascript ? "src/a.js" : "src/a.ts", bytes: Array(text.utf8),
                                  parser: Parser(language: language))
        XCTAssertNil(file.tree.firstError, "the test source parses cleanly")
        var configuration = try defaultConfiguration()
        configuration.clientTypes = clientTypes
        var context = PrismaContext(configuration: configuration, resolver: ModuleResolver(aliases: []),
                                    centralModulePath: "src/utils/prisma.ts")
        context.schemaModels = schemaModels
        return PrismaFile(file: file, context: context)
    }

    /// `label kind` of each call, in source order.
    private func reached(_ prisma: PrismaFile) -> [String] {
        prisma.calls.map { "\($0.label) \($0.clientKind.rawValue)" }
    }

    /// Line and reason of each unanalysable site.
    private func listed(_ prisma: PrismaFile) -> [String] {
        prisma.unanalysable.map { "\(prisma.file.lines.lineNumber(of: $0.node.byteRange.lowerBound)) \($0.reason)" }
    }

    /// Names holding a client are clients, of the kind their value gives, in chains too;
    /// a name that may hold a transaction client is one; one that may hold anything else is not.
    func testAliasesDefaultsAndAlternativesAreClients() throws {
        let prisma = try analyse("""
            import { prisma } from './utils/prisma';
            import { Prisma, PrismaClient } from '@prisma/client';
            const db = prisma;
            const reader = db;
            export const a = () => reader.user.findMany();
            export function b(tx?: Prisma.TransactionClient) { const c = tx ?? prisma; return c.user.findMany(); }
            export function d(client: PrismaClient, flag: boolean) { const e = flag ? client : (prisma as PrismaClient); return e.user.count(); }
            export function f(db = prisma) { return db.user.findMany(); }
            export function g(tx: Prisma.TransactionClient = prisma) { return tx.user.findMany(); }
            export function h(opts: { tx?: unknown }) { const i = opts.tx ?? prisma; return i.user.findMany(); }
            export function j(flag: boolean) { const k = flag && prisma; return k.user.findMany(); }
            export const l = () => prisma.$transaction(async (tx) => { const m = tx; return m.user.create({ data: {} }); });
            export const n = (x: PrismaClient | undefined) => (x || prisma).user.findMany();
            let o;
            o = db;
            export const p = () => o.user.findMany();
            export async function q(tx?: Prisma.TransactionClient) { let r = prisma; if (tx) { r = tx; } return r.user.findMany(); }
            """)
        XCTAssertEqual(reached(prisma), [
            "reader.user.findMany centralImport",
            "c.user.findMany transactionClient",
            "e.user.count alias",
            "db.user.findMany parameter",
            "tx.user.findMany transactionClient",
            "prisma.$transaction centralImport",
            "m.user.create transactionClient",
            "(x || prisma).user.findMany alias",
            "o.user.findMany centralImport",
            "r.user.findMany transactionClient",
        ])
        XCTAssertEqual(listed(prisma), [
            "10 i.user.findMany(…) looks like a Prisma call, but i is not known to be a client; calls through it are not analysed",
            "11 k.user.findMany(…) looks like a Prisma call, but k is not known to be a client; calls through it are not analysed",
        ])
        let javaScript = try analyse("import { prisma } from './utils/prisma';\nexport function f(db = prisma) { return db.user.findMany(); }\n",
                                     language: .javascript)
        XCTAssertEqual(reached(javaScript), ["db.user.findMany parameter"])
    }

    /// `this.x` and static `Class.x` are clients however the class gets them: NestJS's
    /// injected `PrismaService`, a typed or initialised field, a constructor assignment.
    func testClassPropertiesAndStaticMembersAreClients() throws {
        let prisma = try analyse("""
            import { Injectable } from '@nestjs/common';
            import { PrismaClient } from '@prisma/client';
            import { prisma } from './utils/prisma';
            import { PrismaService } from './prisma.service';
            @Injectable()
            export class UsersService {
              constructor(private readonly prisma: PrismaService) {}
              all() { return this.prisma.user.findMany(); }
            }
            export class A {
              private db = prisma;
              private client: PrismaClient;
              private own;
              private copy: unknown;
              constructor(p: PrismaClient) { this.client = p; this.own = new PrismaClient(); this.copy = this.client; }
              run() { return [this.db.user.count(), this.client.user.count(), this.own.user.count(), this.copy.user.count()]; }
            }
            export class Store {
              static client = new PrismaClient();
              static typed: PrismaClient;
              static all() { return Store.client.product.findMany(); }
              static more() { return this.client.product.count(); }
              static typedToo() { return Store.typed.product.count(); }
            }
            export const outside = () => Store.client.product.findFirst();
            """, clientTypes: ["PrismaService"])
        XCTAssertEqual(reached(prisma), [
            "this.prisma.user.findMany classProperty",
            "this.db.user.count classProperty",
            "this.client.user.count classProperty",
            "this.own.user.count classProperty",
            "this.copy.user.count classProperty",
            "Store.client.product.findMany classProperty",
            "this.client.product.count classProperty",
            "Store.typed.product.count classProperty",
            "Store.client.product.findFirst classProperty",
        ])
        XCTAssertEqual(listed(prisma), [])
    }

    /// Inside a class extending the client (NestJS's `PrismaService`), `this` is the client.
    func testThisInAClientSubclassIsTheClient() throws {
        let prisma = try analyse("""
            import { PrismaClient } from '@prisma/client';
            import { Base } from './base';
            export class PrismaService extends PrismaClient {
              async onModuleInit() { await this.$connect(); }
              activeUsers() { return this.user.findMany({ where: { active: true } }); }
            }
            export class AuditedPrisma extends PrismaService {
              log() { return this.$queryRaw`SELECT 1`; }
            }
            export class Other extends Base {
              run() { return this.repo.findMany(); }
            }
            """, clientTypes: ["PrismaService"])
        XCTAssertEqual(reached(prisma), [
            "this.$connect classProperty", "this.user.findMany classProperty", "this.$queryRaw classProperty",
        ])
        XCTAssertEqual(listed(prisma), [])
    }

    /// A destructured parameter typed with a client or `Prisma.TransactionClient` is one;
    /// untyped (an app's `withTransaction(async ({ tx }) => …)`), its calls are listed.
    func testDestructuredClients() throws {
        let prisma = try analyse("""
            import { Prisma, PrismaClient } from '@prisma/client';
            import { withTransaction } from './utils/transactions';
            export const a = withTransaction(async ({ tx }: { tx: Prisma.TransactionClient }) => tx.user.findMany());
            export function b({ db: client, name }: { db: PrismaClient; name: string }) { return client.user.count({ where: { name } }); }
            export const c = withTransaction(async ({ tx }) => tx.user.create({ data: {} }));
            """)
        XCTAssertEqual(reached(prisma), ["tx.user.findMany transactionClient", "client.user.count parameter"])
        XCTAssertEqual(listed(prisma), [
            "5 tx.user.create(…) looks like a Prisma call, but tx is a parameter not typed as a client; calls through it are not analysed",
        ])
    }

    /// What looks like Prisma but goes through something unknown is listed; what merely
    /// shares a method name with Prisma (Stripe, arrays, Mongoose models) is not.
    func testPrismaShapedCallsAreListedAndLookAlikesAreNot() throws {
        let prisma = try analyse("""
            import { prisma } from './utils/prisma';
            import { api } from './api';
            export async function f(stripe: any, list: number[], ctx: any) {
              await stripe.customers.create({ email: 'a@b.c' });
              list.find((x) => x > 1);
              await this.userModel.updateMany({}, {});
              await ctx.models.User.findMany();
              await ctx.db.user.delete({ where: { id: 1 } });
              await api.order.create({});
              await api.customers.count();
              await ctx.service.$queryRaw`SELECT 1`;
              await ctx.vm.$emit('x');
            }
            type Args = Parameters<typeof prisma.user.findMany>[0];
            export const refs = [prisma.user.findMany, prisma.$queryRaw, prisma.post.findFirst.bind(null)];
            export const called = async () => await prisma.user.findMany<{ id: number }>();
            export const picked = (name: string) => (prisma as any)[name].findMany();
            export const built = new PrismaClient().$extends({});
            """, schemaModels: ["order", "user"])
        XCTAssertEqual(reached(prisma), ["prisma.user.findMany centralImport"])
        let notAnalysed = "; calls through it are not analysed"
        XCTAssertEqual(listed(prisma), [
            "8 ctx.db.user.delete(…) looks like a Prisma call, but ctx.db is not known to be a client" + notAnalysed,
            "9 api.order.create(…) looks like a Prisma call, but api is imported from a module that is not the client module" + notAnalysed,
            "11 ctx.service.$queryRaw(…) looks like a Prisma call, but ctx.service is not known to be a client" + notAnalysed,
            "15 prisma.user.findMany is used as a value (a method reference)" + notAnalysed,
            "15 prisma.$queryRaw is used as a value (a method reference)" + notAnalysed,
            "15 prisma.post.findFirst is used as a value (a method reference)" + notAnalysed,
            "17 (prisma as any)[name] picks a model by name" + notAnalysed,
        ])
    }

    /// JavaScript's bare parameters hide a client of their name, as TypeScript's do.
    func testJavaScriptParametersShadowTheClient() throws {
        let text = "import { prisma } from './utils/prisma';\nexport async function f(prisma, { db } = {}) {\n  return prisma.user.findMany();\n}\nexport const g = () => prisma.user.count();\n"
        let file = try ParsedFile(path: "src/a.js", bytes: Array(text.utf8), parser: Parser(language: .javascript))
        XCTAssertNil(file.tree.firstError)
        let context = PrismaContext(configuration: try defaultConfiguration(), resolver: ModuleResolver(aliases: []),
                                    centralModulePath: "src/utils/prisma.ts")
        XCTAssertEqual(PrismaFile(file: file, context: context).calls.map(\.label), ["prisma.user.count"], "f's prisma is its parameter")
    }

    /// A dynamic import of the central module cannot be followed: it is listed, never dropped.
    func testDynamicImportOfTheCentralModuleIsListed() throws {
        let prisma = try analyse("""
            export async function f() {
              const { prisma } = await import('./utils/prisma');
              const other = await import('./utils/other');
              return prisma.user.findMany();
            }
            """)
        let kinds = prisma.file.root.preorder().filter { $0.kind == "call_expression" }.map { $0.child(field: "function")?.kind ?? "nil" }
        XCTAssertEqual(prisma.unanalysable.map(\.reason), [
            "the central module is imported dynamically (import()); calls through it are not analysed",
            "prisma.user.findMany(…) looks like a Prisma call, but prisma is bound by a dynamic import(); calls through it are not analysed",
        ], "\(kinds)")
    }

    func testTransactionsAreFoundByNode() throws {
        let prisma = try analyse("""
            import { prisma } from './utils/prisma';
            export const f = () => prisma.$transaction(async (tx) => {
              await tx.user.create({ data: {} });
              return prisma.$transaction([prisma.post.count(), prisma.post.findMany()]);
            });
            export const g = () => prisma.user.findMany();
            """)
        XCTAssertEqual(prisma.transactions.map(\.kind), [.interactive, .array])
        XCTAssertEqual(prisma.transactions.first?.client.map(prisma.file.text), "tx")
        func call(_ label: String) throws -> PrismaCall { try XCTUnwrap(prisma.calls.first { $0.label == label }, label) }

        let create = try call("tx.user.create")
        XCTAssertTrue(create.onTransactionClient)
        XCTAssertTrue(prisma.isInsideTransaction(create.call))
        XCTAssertEqual(prisma.transaction(enclosing: create.call)?.kind, .interactive)

        let count = try call("prisma.post.count")
        XCTAssertTrue(count.inArrayTransaction)
        XCTAssertFalse(count.onTransactionClient)
        XCTAssertEqual(prisma.transaction(enclosing: count.call)?.kind, .array, "the innermost transaction")

        let outside = try call("prisma.user.findMany")
        XCTAssertFalse(prisma.isInsideTransaction(outside.call))
        XCTAssertNil(prisma.transaction(enclosing: outside.call))
    }

    func testClientsFollowScopes() throws {
        let prisma = try analyse("""
            import { prisma } from './utils/prisma';
            import { PrismaClient, Prisma } from '@prisma/client';
            const extended = prisma.$extends({});
            export function a(prisma: unknown) { return prisma.user.findMany(); }
            export function b(x: boolean) { if (x) { const prisma = other(); prisma.user.count(); } return prisma.user.findMany(); }
            export class Repo {
              constructor(private readonly db: PrismaClient) {}
              run() { return this.db.post.count(); }
            }
            export const c = () => extended.user.count();
            export function d(tx: Prisma.TransactionClient) { return tx.user.findFirst(); }
            """)
        XCTAssertEqual(prisma.calls.map(\.label), [
            "prisma.$extends", "prisma.user.findMany", "this.db.post.count", "extended.user.count", "tx.user.findFirst",
        ])
        XCTAssertEqual(prisma.calls.map(\.clientKind), [.centralImport, .centralImport, .classProperty, .centralImport, .transactionClient])
    }

    /// Raw queries are what their SQL does, transactions what they run, retries what their callbacks do.
    func testCallsAreClassedByWhatTheyDo() throws {
        let prisma = try analyse("""
            import { Prisma } from '@prisma/client';
            import { prisma, executeWithRetry } from './utils/prisma';
            import { report } from '@prisma/client/sql';
            export async function f(id: number, q: string) {
              await prisma.$queryRaw`SELECT * FROM "User" WHERE id = ${id}`;
              await prisma.$queryRaw`INSERT INTO "Log" DEFAULT VALUES RETURNING id`;
              await prisma.$queryRawUnsafe('DELETE FROM "Log"');
              await prisma.$queryRaw(Prisma.sql`WITH x AS (SELECT 1) SELECT * FROM x`);
              await prisma.$queryRaw(Prisma.raw(q));
              await prisma.$queryRawTyped(report());
              await prisma.$executeRaw`SELECT 1`;
              await prisma.$transaction([prisma.a.findMany(), prisma.a.count()]);
              await prisma.$transaction([prisma.a.findMany(), prisma.a.create({ data: {} })]);
              await prisma.$transaction(async (tx) => tx.a.count());
              await prisma.$transaction(async (tx) => { await tx.a.count(); await tx.a.delete({ where: { id } }); });
              await prisma.$transaction(async (tx) => { await tx.a.count(); await audit(tx); });
              await prisma.$transaction(async (tx) => prisma.$transaction([tx.a.count(), tx.b.count()]));
              await executeWithRetry(async () => { await prisma.a.findMany(); await prisma.a.count(); });
              await executeWithRetry(async () => { await prisma.a.findMany(); await prisma.b.create({ data: {} }); });
              await executeWithRetry(() => prisma.$queryRaw(Prisma.raw(q)));
            }
            """)
        let transactions = prisma.calls.filter { $0.method == "$transaction" }.map(\.methodClass)
        XCTAssertEqual(transactions, [.read, .write, .read, .write, .write, .read, .read])
        let raw = prisma.calls.filter { $0.method.hasPrefix("$queryRaw") || $0.method == "$executeRaw" }
        let unknown = "raw SQL not literal; read or write unknown"
        XCTAssertEqual(raw.map(\.methodClass), [.read, .write, .write, .read, .other, .other, .write, .other])
        XCTAssertEqual(raw.map(\.classReason), [nil, nil, nil, nil, unknown, unknown, nil, unknown])
        XCTAssertEqual(prisma.retryBlocks.map(\.methodClass), [.read, .write, .other])
        XCTAssertEqual(prisma.retryBlocks.map(\.isMixed), [false, true, false])
    }

    func testDeepNestingThroughTheAnalysis() throws {
        let depth = 5_000
        let prisma = try analyse("import { prisma } from './utils/prisma';\nexport const f = () => prisma.$transaction(async (tx) => "
            + String(repeating: "{ ", count: depth) + "await tx.user.create({ data: {} });" + String(repeating: " }", count: depth) + ");\n")
        let create = try XCTUnwrap(prisma.calls.first { $0.label == "tx.user.create" })
        XCTAssertTrue(create.onTransactionClient)
        XCTAssertTrue(prisma.isInsideTransaction(create.call))
    }
}

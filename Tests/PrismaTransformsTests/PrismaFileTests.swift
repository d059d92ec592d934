import CodemodCore
import PrismaTransforms
import SyntaxTree
import XCTest

final class PrismaFileTests: XCTestCase {
    private func analyse(_ text: String) throws -> PrismaFile {
        let file = try ParsedFile(path: "src/a.ts", bytes: Array(text.utf8), parser: Parser(language: .typescript))
        XCTAssertNil(file.tree.firstError, "the test source parses cleanly")
        let context = PrismaContext(configuration: try defaultConfiguration(), resolver: ModuleResolver(aliases: []),
                                    centralModulePath: "src/utils/prisma.ts")
        return PrismaFile(file: file, context: context)
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
        XCTAssertEqual(prisma.unanalysable.map(\.reason), ["the central module is imported dynamically (import()); calls through it are not analysed"],
                       "\(kinds)")
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

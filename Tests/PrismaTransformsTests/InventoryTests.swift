import CodemodCore
import Foundation
import PrismaTransforms
import XCTest

final class InventoryTests: XCTestCase {
    func testSampleBackendMatchesTheSeed() throws {
        let workspace = try Workspace.open(paths: [backendRoot.path], currentDirectory: repositoryRoot)
        let report = Inventory.make(workspace, budget: BudgetOptions(cpus: 2))
        XCTAssertEqual(report.centralModule, "src/utils/prisma.ts")
        XCTAssertEqual(report.failed.count, 0)
        XCTAssertEqual(report.totals.files, 73)

        let importers = report.files.filter { !$0.centralImports.isEmpty }.map(\.path)
        XCTAssertEqual(importers.count, 72, "the 71 files plus index.ts")
        XCTAssertTrue(importers.contains("src/index.ts"))
        XCTAssertEqual(report.totals.centralImports, 72)
        XCTAssertEqual(report.totals.instances, 1)
        XCTAssertEqual(report.files.first { $0.path == "src/utils/prisma.ts" }?.instances.first?.hasOptions, true)

        // The seed's Phase 1: 9 wrapped reads in 7 files.
        let wrappedReads = report.files.flatMap { file in
            file.calls.filter { $0.kind == .read && $0.retry != nil }.map { "\(file.path):\($0.position.line - 1) \($0.model ?? "").\($0.method)" }
        }
        XCTAssertEqual(wrappedReads.sorted(), [
            "src/controllers/authController.ts:410 user.findUnique",
            "src/controllers/organizationController.ts:766 organization.findUnique",
            "src/controllers/userController.ts:227 user.findUnique",
            "src/services/filterListCache.ts:146 filterGroup.findMany",
            "src/services/filterListCache.ts:60 savedFilter.findMany",
            "src/services/userCache.ts:47 user.findUnique",
            "src/services/worktimeCache.ts:47 workTime.findFirst",
            "src/utils/organizationCache.ts:30 userRole.findFirst",
            "src/utils/organizationCache.ts:70 usersBranches.findFirst",
        ])
        XCTAssertEqual(report.totals.wrappedReads, 9)

        // The seed's Phase 3: three unwrapped notification.create in notificationController.ts.
        let creates = report.files.flatMap { file in
            file.calls.filter { $0.model == "notification" && $0.method == "create" }.map { (file.path, $0) }
        }
        XCTAssertEqual(creates.map(\.0), Array(repeating: "src/controllers/notificationController.ts", count: 3))
        XCTAssertEqual(creates.map(\.1.position.line), [146, 328, 662])
        XCTAssertTrue(creates.allSatisfy { $0.1.retry == nil && $0.1.kind == .write })

        XCTAssertGreaterThan(report.totals.transactionClientCalls, 0)
        XCTAssertEqual(report.totals.halfMigratedFiles, 0)
        XCTAssertEqual(report.budget, ConnectionBudget(instances: 1, poolSize: 100, poolSizeSource: "connection_limit in .env DATABASE_URL",
                                                       maxConnections: 100))
        XCTAssertFalse(report.budget.exceeds)
    }

    func testBindingsTSXAliasesSyntaxErrorsAndHalfMigration() throws {
        let root = try temporaryProject([
            "src/db.ts": "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\nexport const executeWithRetry = <T>(f: () => Promise<T>) => f();\n",
            "src/a.tsx": "import { prisma as db, executeWithRetry as retry } from './db';\nexport const A = async () => <ul>{(await retry(() => db.user.findMany())).length}</ul>;\n",
            "src/b.ts": "import { prisma } from './db';\nimport { PrismaClient } from '@prisma/client';\nconst extra = new PrismaClient({ log: ['query'] });\nexport const f = () => prisma.$transaction(async (t) => { await t.task.create({ data: {} }); return extra.user.count(); });\n",
            "src/c.ts": "import { executeWithRetry } from './db';\nexport const broken = (;\n",
            "src/d.ts": "import { executeWithRetry } from './db';\nimport { PrismaClient } from '@prisma/client';\nclass Repo { constructor(private client: PrismaClient) {} all() { return this.client.tour.findMany(); } }\nclass Base { constructor(d: unknown) {} }\nclass P extends Base { constructor(db: PrismaClient) { super(db.product); } }\n",
            "src/e.ts": "import { prisma } from './db';\nexport const rows = () => prisma.$queryRaw<{ n: number }[]>`SELECT 1 AS n`;\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let report = Inventory.make(try Workspace.open(paths: ["."], currentDirectory: root), budget: BudgetOptions(cpus: 4))
        func file(_ path: String) throws -> InventoryReport.FileEntry { try XCTUnwrap(report.files.first { $0.path == path }, path) }

        let tsx = try file("src/a.tsx")
        XCTAssertEqual(tsx.centralImports.first?.alias, "db")
        XCTAssertEqual(tsx.calls.first?.client, "db")
        XCTAssertEqual(tsx.calls.first?.retry, "retry", "the helper counts under its alias")

        let b = try file("src/b.ts")
        XCTAssertEqual(b.instances.first?.hasOptions, true)
        XCTAssertEqual(b.halfMigrated, ["imports the central client and also creates a PrismaClient"])
        let txCall = try XCTUnwrap(b.calls.first { $0.method == "create" })
        XCTAssertTrue(txCall.transactionClient)
        XCTAssertEqual(txCall.client, "t")
        XCTAssertTrue(b.calls.contains { $0.client == "extra" && $0.method == "count" && $0.clientKind == .localInstance })

        XCTAssertEqual(report.failed.map(\.path), ["src/c.ts"])
        XCTAssertEqual(report.failed.first?.position?.line, 2)

        let d = try file("src/d.ts")
        XCTAssertTrue(d.calls.contains { $0.client == "this.client" && $0.model == "tour" && $0.kind == .read })
        XCTAssertEqual(d.unanalysable.count, 1)
        XCTAssertTrue(d.unanalysable.first?.message.contains("db.product") == true)
        XCTAssertEqual(d.halfMigrated, ["imports executeWithRetry but never calls it"])

        let e = try file("src/e.ts")
        XCTAssertEqual(e.calls.first?.method, "$queryRaw")
        XCTAssertEqual(e.calls.first?.kind, .read)

        // Two instances (db.ts and b.ts) with Prisma's default pool of 2 × 4 + 1.
        XCTAssertEqual(report.budget.instances, 2)
        XCTAssertEqual(report.budget.poolSize, 9)
        XCTAssertEqual(report.budget.worstCase, 18)
    }

    func testBudgetArithmetic() {
        XCTAssertEqual(ConnectionBudget.defaultPoolSize(cpus: 2), 5)
        XCTAssertEqual(ConnectionBudget.defaultPoolSize(cpus: 16), 33)
        XCTAssertEqual(ConnectionBudget.connectionLimit(in: "postgresql://u:p@h/db?schema=public&connection_limit=17&pool_timeout=20"), 17)
        XCTAssertNil(ConnectionBudget.connectionLimit(in: "postgresql://u:p@h/db?schema=public"))
        XCTAssertNil(ConnectionBudget.connectionLimit(in: "postgresql://u:p@h/db?connection_limit=abc"))
        XCTAssertEqual(ConnectionBudget.databaseURL(inDotenv: "# c\nexport DATABASE_URL = \"postgres://x?connection_limit=3\"\n"),
                       "postgres://x?connection_limit=3")
        XCTAssertEqual(ConnectionBudget.databaseURL(inDotenv: "DATABASE_URL_OTHER=1\nDATABASE_URL='a'\n"), "a")

        // The seed's worry: 72 local clients with a pool of 5 each against PostgreSQL's 100.
        let localized = ConnectionBudget(instances: 72, poolSize: 5, poolSizeSource: "test", maxConnections: 100)
        XCTAssertEqual(localized.worstCase, 360)
        XCTAssertTrue(localized.exceeds)
        XCTAssertFalse(ConnectionBudget(instances: 20, poolSize: 5, poolSizeSource: "test", maxConnections: 100).exceeds)

        let root = FileManager.default.temporaryDirectory
        XCTAssertEqual(Inventory.budget(instances: 3, root: root, options: BudgetOptions(databaseURL: "p://h/d?connection_limit=7", cpus: 2)).worstCase, 21)
        XCTAssertEqual(Inventory.budget(instances: 3, root: root, options: BudgetOptions(databaseURL: "p://h/d", cpus: 2)).poolSize, 5)
    }
}

/// Writes files below a new temporary folder holding a package.json.
func temporaryProject(_ files: [String: String]) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("prisma-codemod-\(UUID().uuidString)")
    for (path, text) in files.merging(["package.json": "{}\n"], uniquingKeysWith: { a, _ in a }) {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
    return root
}

final class WorkspaceTests: XCTestCase {
    /// A file whose only Prisma is what cannot be followed is listed, not dropped.
    func testAFileWithOnlyUnanalysablePrismaIsListed() throws {
        let root = try temporaryProject([
            "src/utils/prisma.ts": "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n",
            "src/a.ts": "export async function f() {\n  const { prisma } = await import('./utils/prisma');\n  return prisma.user.count();\n}\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let report = Inventory.make(try Workspace.open(paths: ["."], currentDirectory: root), budget: BudgetOptions())
        XCTAssertEqual(report.files.first?.unanalysable.map(\.position.line), [2, 3], "the import and the call through it")
        XCTAssertEqual(report.totals.unanalysable, 2)
        XCTAssertEqual(report.files.map(\.path), ["src/a.ts", "src/utils/prisma.ts"])
    }

    /// Calls through an injected `PrismaService`, aliases and static members are counted; what
    /// cannot be followed is counted under `unanalysable` and noted by `check`; the schema's
    /// models decide whether `x.order.create()` through an unknown `x` looks like Prisma.
    func testEveryClientReachedOrListed() throws {
        let root = try temporaryProject([
            "prisma/schema.prisma": "model Order {\n  id Int @id\n}\n\nmodel UserRole {\n  id Int @id\n}\n",
            "src/utils/prisma.ts": "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n",
            "src/prisma.service.ts": "import { PrismaClient } from '@prisma/client';\nexport class PrismaService extends PrismaClient {}\n",
            "src/users.service.ts": """
                import { Injectable } from '@nestjs/common';
                import { PrismaService } from './prisma.service';
                @Injectable()
                export class UsersService {
                  constructor(private readonly prisma: PrismaService) {}
                  all() { return this.prisma.user.findMany(); }
                  roles() { return this.prisma.userRole.count(); }
                }

                """,
            "src/jobs.ts": """
                import { prisma } from './utils/prisma';
                const db = prisma;
                export const a = () => db.order.findMany();
                export const b = (api: any) => api.order.create({ data: {} });
                export const c = (api: any) => api.invoice.create({ data: {} });
                export const d = [prisma.order.count];

                """,
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = try Workspace.open(paths: ["."], currentDirectory: root)
        XCTAssertEqual(workspace.context.schemaModels, ["order", "userRole"])
        let report = Inventory.make(workspace, budget: BudgetOptions(cpus: 2))
        func entry(_ path: String) -> InventoryReport.FileEntry? { report.files.first { $0.path == path } }
        XCTAssertEqual(entry("src/users.service.ts")?.calls.map { "\($0.client) \($0.clientKind.rawValue)" },
                       ["this.prisma classProperty", "this.prisma classProperty"])
        XCTAssertEqual(entry("src/jobs.ts")?.calls.map { "\($0.client) \($0.model ?? "") \($0.method)" }, ["db order findMany"])
        XCTAssertEqual(entry("src/jobs.ts")?.unanalysable.map { "\($0.position.line) \($0.message)" }, [
            "4 api.order.create(…) looks like a Prisma call, but api is a parameter not typed as a client; calls through it are not analysed",
            "6 prisma.order.count is used as a value (a method reference); calls through it are not analysed",
        ], "api.invoice.create is not a model of the schema")
        XCTAssertEqual(report.totals.unanalysable, 2)
        XCTAssertEqual(report.totals.calls, 3)
        let unchecked = Checker.run(workspace).unchecked.map { "\($0.path):\($0.line)" }
        XCTAssertEqual(unchecked, ["src/jobs.ts:4", "src/jobs.ts:6"])
    }

    /// A schema split over `prisma/schema/*.prisma` gives its models too.
    func testSchemaFolderModels() throws {
        let root = try temporaryProject([
            "prisma/schema/a.prisma": "model Post {\n  id Int @id\n}\n",
            "prisma/schema/b.prisma": "  model  Comment{\n  id Int @id\n}\n// model NotOne {\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        XCTAssertEqual(Workspace.schemaModels(root: root), ["post", "comment"])
    }

    func testTwoModulesExportingAClientNeedAChoice() throws {
        let client = "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n"
        let root = try temporaryProject([
            "src/db/a.ts": client, "src/db/b.ts": client,
            "src/x.ts": "import { prisma } from './db/b';\nexport const n = () => prisma.user.count();\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        XCTAssertThrowsError(try Workspace.open(paths: ["."], currentDirectory: root)) { error in
            let message = (error as? CodemodError)?.message ?? ""
            XCTAssertTrue(message.contains("several modules export a Prisma client (src/db/a.ts, src/db/b.ts)"), message)
            XCTAssertTrue(message.contains("client.centralModule"), message)
        }
        let chosen = try Workspace.open(paths: ["."], currentDirectory: root, centralModule: "src/db/b.ts")
        XCTAssertEqual(chosen.context.centralModulePath, "src/db/b.ts")
        try Data("client:\n  centralModule: src/db/a.ts\n".utf8).write(to: root.appendingPathComponent("prisma-codemod.yaml"))
        XCTAssertEqual(try Workspace.open(paths: ["."], currentDirectory: root).context.centralModulePath, "src/db/a.ts")
    }

    func testTSConfigPathAliasesResolveTheCentralImport() throws {
        let root = try temporaryProject([
            "tsconfig.json": "{\n  // comments are allowed\n  \"compilerOptions\": {\n    \"baseUrl\": \".\",\n    \"paths\": { \"@/*\": [\"src/*\"], },\n  },\n}\n",
            "src/utils/prisma.ts": "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n",
            "src/deep/er/x.ts": "import { prisma } from '@/utils/prisma';\nexport const n = () => prisma.user.count();\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let report = Inventory.make(try Workspace.open(paths: ["src/deep"], currentDirectory: root), budget: BudgetOptions())
        XCTAssertEqual(report.centralModule, "src/utils/prisma.ts", "found outside the selected folder")
        XCTAssertEqual(report.files.first?.centralImports.first?.module, "@/utils/prisma")
        XCTAssertEqual(report.totals.reads, 1)
    }
}

final class AnalysisAccuracyTests: XCTestCase {
    /// Shapes of real NestJS and Express code that a third review found miscounted.
    func testRealWorldShapes() throws {
        let root = try temporaryProject([
            "src/utils/prisma.ts": "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\nexport const executeWithRetry = async <T>(op: () => Promise<T>) => op();\n",
            "src/prisma.service.ts": "import { PrismaClient } from '@prisma/client';\nexport class PrismaService extends PrismaClient {}\n",
            "src/users.repository.ts": """
                import { PrismaService } from './prisma.service';
                import { executeWithRetry } from './utils/prisma';
                export class UsersRepository {
                  constructor(private readonly prisma: PrismaService) {}
                  all() { return this.prisma.user.findMany(); }
                  one(id: number) { return executeWithRetry(() => this.prisma.user.findUnique({ where: { id } })); }
                }

                """,
            "src/shapes.ts": """
                import { Prisma } from '@prisma/client';
                import * as db from './utils/prisma';
                import { prisma, executeWithRetry } from './utils/prisma';
                export const whole = () => executeWithRetry(() => prisma.$transaction(async (tx) => tx.user.findFirst()));
                export function describe(obj: any) { const prisma = obj; return prisma.user.findMany(); }
                export function callIt({ prisma }: { prisma: any }) { return prisma.user.findMany(); }
                export function loop(list: any[]) { for (const prisma of list) { prisma.user.update(); } }
                export async function create(name: string, tx?: Prisma.TransactionClient) {
                  return executeWithRetry(() => prisma.user.findFirst({ where: { name } }));
                }
                export const byName = () => prisma['user'].findMany();
                export function pick() { const { user } = prisma; return user; }
                export const extended = () => { const x = prisma.$extends({}); return x.user.count(); };
                export const viaNamespace = () => db.prisma.user.count();

                """,
            "src/utils/index.ts": "export * from './prisma';\n",
            "src/barrel.ts": "import { prisma, executeWithRetry } from './utils';\nexport const n = () => executeWithRetry(() => prisma.user.count());\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = try Workspace.open(paths: ["."], currentDirectory: root)
        XCTAssertEqual(workspace.configuration.clientTypes, ["PrismaService"], "subclasses of PrismaClient are client types")
        let report = Inventory.make(workspace, budget: BudgetOptions(cpus: 2))
        func calls(_ path: String) -> [String] {
            (report.files.first { $0.path == path }?.calls ?? []).map { "\($0.client).\($0.model ?? "").\($0.method)\($0.retry.map { " in \($0)" } ?? "")" }
        }
        XCTAssertEqual(calls("src/users.repository.ts"), ["this.prisma.user.findMany", "this.prisma.user.findUnique in executeWithRetry"])
        XCTAssertEqual(calls("src/shapes.ts"), [
            "prisma..$transaction in executeWithRetry",
            "tx.user.findFirst",  // retried with its whole transaction, not on its own
            "prisma.user.findFirst in executeWithRetry",
            "prisma..$extends",
            "x.user.count",
        ])
        let notes = report.files.first { $0.path == "src/shapes.ts" }?.unanalysable.map { "\($0.position.line) \($0.message)" } ?? []
        let shadowed = "looks like a Prisma call, but prisma is"
        XCTAssertEqual(notes, [
            "2 the central module is imported as a namespace; calls through it are not analysed",
            // Names that hide the client are not clients, but what is called through them looks like Prisma: listed.
            "5 prisma.user.findMany(…) \(shadowed) not known to be a client; calls through it are not analysed",
            "6 prisma.user.findMany(…) \(shadowed) a parameter not typed as a client; calls through it are not analysed",
            "7 prisma.user.update(…) \(shadowed) not known to be a client; calls through it are not analysed",
            "11 prisma['user'] picks a model by name; calls through it are not analysed",
            "12 model delegates destructured from prisma; calls through them are not analysed",
            "14 db.prisma.user.count(…) looks like a Prisma call, but db.prisma is not known to be a client; calls through it are not analysed",
        ])

        XCTAssertEqual(calls("src/barrel.ts"), ["prisma.user.count in executeWithRetry"], "imports through a re-exporting index count")
        let findings = Checker.run(workspace).findings.map { "\($0.path):\($0.line) \($0.rule)" }
        XCTAssertEqual(findings, [
            "src/barrel.ts:2 read-in-retry",
            "src/shapes.ts:4 read-in-retry",  // the whole retried transaction only reads
            "src/shapes.ts:9 read-in-retry",
            "src/users.repository.ts:6 read-in-retry",
        ], "no retry-inside-transaction for a function that merely takes a tx, none for a whole retried transaction")
    }
}

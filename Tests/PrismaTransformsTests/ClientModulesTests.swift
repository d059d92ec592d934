import CodemodCore
import Foundation
import PrismaRules
import PrismaTransforms
import SyntaxTree
import XCTest

/// The central client module is found by syntax tree, in the shapes real projects use.
final class ClientModulesTests: XCTestCase {
    private func exports(_ text: String, path: String = "src/lib/db.ts") throws -> ClientModuleExports {
        let file = try ParsedFile(path: path, bytes: Array(text.utf8), parser: Parser(language: .typescript))
        return ClientModules.exports(of: file, configuration: try defaultConfiguration())
    }

    func testExportNamesOfAClient() throws {
        let client = "import { PrismaClient } from '@prisma/client';\n"
        XCTAssertEqual(try exports(client + "export const prisma = new PrismaClient();\n").clientExports, ["prisma"])
        XCTAssertEqual(try exports(client + "export { db };\nconst db = new PrismaClient();\n").clientExports, ["db"])
        XCTAssertEqual(try exports(client + "const db = new PrismaClient();\nexport { db as client };\n").clientExports, ["client"])
        XCTAssertEqual(try exports(client + "const prisma = new PrismaClient();\nexport default prisma;\nexport { prisma };\n").clientExports,
                       ["default", "prisma"])
        XCTAssertEqual(try exports(client + "export default new PrismaClient({ log: ['query'] });\n").clientExports, ["default"])
        XCTAssertEqual(try exports("import { PrismaClient as PC } from '@prisma/client/edge';\nexport const db = new PC();\n").clientExports, ["db"])
        XCTAssertEqual(try exports(client + "// export const prisma = new PrismaClient();\n/* export default new PrismaClient() */\n").clientExports, [],
                       "comments never count")
        XCTAssertEqual(try exports(client + "export const prismaOptions = { log: ['query'] };\nexport function make() { return 1; }\n").clientExports, [])
    }

    func testHowTheExportedClientIsBuilt() throws {
        let configuration = try defaultConfiguration()
        let accelerate = try exports("""
            import { PrismaClient } from '@prisma/client'
            import { withAccelerate } from '@prisma/extension-accelerate'

            const prismaClientSingleton = () => {
              return new PrismaClient().$extends(withAccelerate())
            }
            const prisma = globalThis.prismaGlobal ?? prismaClientSingleton()
            export default prisma

            """).constructions["default"]
        XCTAssertEqual(accelerate?.expression, "new PrismaClient().$extends(withAccelerate())", "the singleton's caching is not part of it")
        XCTAssertEqual(accelerate?.imports.map(\.module), ["@prisma/client", "@prisma/extension-accelerate"])
        XCTAssertEqual(accelerate?.extensions, ["$extends(withAccelerate())"])
        XCTAssertEqual(accelerate?.obstacles, [])
        XCTAssertEqual(accelerate?.isPlain(configuration), false)

        let adapter = try exports("""
            import { PrismaPg } from '@prisma/adapter-pg'
            import { PrismaClient } from '@prisma/client'
            const adapter = new PrismaPg({ connectionString: process.env.DATABASE_URL })
            export const prisma = new PrismaClient({ adapter })

            """).constructions["prisma"]
        XCTAssertEqual(adapter?.expression, "new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) })")
        XCTAssertEqual(adapter?.globals, ["process"])
        XCTAssertEqual(adapter?.features(configuration), ["an adapter ({ adapter: new PrismaPg({ connectionString: process.env.D…)"])

        let remix = try exports("""
            import { PrismaClient } from '@prisma/client'
            let prisma: PrismaClient
            if (process.env.NODE_ENV === 'production') {
              prisma = new PrismaClient()
            } else {
              if (!global.__db__) global.__db__ = new PrismaClient()
              prisma = global.__db__
            }
            export { prisma }

            """, path: "app/db.server.ts")
        XCTAssertEqual(remix.clientExports, ["prisma"])
        XCTAssertEqual(remix.constructions["prisma"]?.isPlain(configuration), true)

        let local = try exports("""
            import { PrismaClient } from '@prisma/client'
            function options() { return { log: [] } }
            export const prisma = new PrismaClient(options())

            """).constructions["prisma"]
        XCTAssertEqual(local?.obstacles, ["it uses options, declared in src/lib/db.ts at line 2"])
    }

    func testSingletonsExtensionsAndFactories() throws {
        let nextSingleton = """
            import { PrismaClient } from '@prisma/client'

            const globalForPrisma = globalThis as unknown as { prisma: PrismaClient | undefined }

            export const prisma = globalForPrisma.prisma ?? new PrismaClient({ log: ['query'] })

            if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma

            """
        XCTAssertEqual(try exports(nextSingleton).clientExports, ["prisma"])
        let extended = """
            import { PrismaClient } from '@prisma/client'
            import { withAccelerate } from '@prisma/extension-accelerate'

            const prismaClientSingleton = () => {
              return new PrismaClient().$extends(withAccelerate())
            }

            declare const globalThis: { prismaGlobal: ReturnType<typeof prismaClientSingleton> } & typeof global

            const prisma = globalThis.prismaGlobal ?? prismaClientSingleton()

            export default prisma

            """
        XCTAssertEqual(try exports(extended).clientExports, ["default"])
        let remix = """
            import { PrismaClient } from '@prisma/client'
            import { singleton } from './singleton.server'

            function getClient() {
              const client = new PrismaClient()
              void client.$connect()
              return client
            }

            export const db = globalThis.__db || getClient()

            """
        XCTAssertEqual(try exports(remix, path: "app/utils/db.server.ts").clientExports, ["db"], "a factory whose return names its client")
    }

    func testReexportsAndTestFiles() throws {
        let index = try exports("export * from './prisma';\nexport { prisma as db, default as client } from './client';\nexport * as ns from './x';\n",
                                path: "src/lib/index.ts")
        XCTAssertEqual(index.reexports.map(\.specifier), ["./prisma", "./client"])
        XCTAssertNil(index.reexports.first?.names)
        XCTAssertEqual(index.reexports.last?.names, ["db": "prisma", "client": "default"])
        XCTAssertTrue(ClientModules.isTestFile("tests/prisma.test.ts"))
        XCTAssertTrue(ClientModules.isTestFile("src/__tests__/db.ts"))
        XCTAssertTrue(ClientModules.isTestFile("src/users/users.service.spec.ts"))
        XCTAssertTrue(ClientModules.isTestFile("e2e/setup.ts"))
        XCTAssertFalse(ClientModules.isTestFile("src/lib/db.ts"))
        XCTAssertFalse(ClientModules.isTestFile("src/testing-utils.ts"))
    }

    /// A retry helper from a package counts when its name says it retries; a cache does not.
    func testPackageRetryHelpersAreFoundAndCachesAreNot() throws {
        let root = try temporaryProject([
            "src/db.ts": "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n",
            "src/users.ts": """
                import pRetry from 'p-retry';
                import { unstable_cache } from 'next/cache';
                import { prisma } from './db';
                export const list = () => pRetry(() => prisma.user.findMany(), { retries: 3 });
                export const cached = unstable_cache(() => prisma.user.count());

                """,
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let project = Project(root: root)
        let survey = ProjectSurvey.make(files: try Workspace.projectFiles(project), project: project, configuration: try defaultConfiguration())
        XCTAssertEqual(survey.helpers.map(\.name), ["pRetry"])
        XCTAssertEqual(survey.helpers.first?.firstUse, SiteAddress(path: "src/users.ts", line: 4))
        XCTAssertEqual(survey.clientModules.map(\.path), ["src/db.ts"])
    }

    /// A lazy getter the module exports is a client factory: `getPrisma().user.findMany()` is a call on the client.
    func testAnExportedLazyFactoryIsFollowed() throws {
        let root = try temporaryProject([
            "package.json": #"{ "dependencies": { "@prisma/client": "5" } }"#,
            "src/db/client.ts": """
                import { PrismaClient } from '@prisma/client';
                let client: PrismaClient | undefined;
                export function getPrisma() {
                  if (!client) client = new PrismaClient();
                  return client;
                }

                """,
            "src/users.ts": """
                import { getPrisma } from './db/client';
                import { executeWithRetry } from './retry';
                export const list = () => executeWithRetry(() => getPrisma().user.findMany());

                """,
            "src/retry.ts": "export async function executeWithRetry<T>(f: () => Promise<T>): Promise<T> { return f(); }\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = try Workspace.open(paths: ["."], currentDirectory: root)
        XCTAssertEqual(workspace.context.centralModulePath, "src/db/client.ts")
        XCTAssertEqual(workspace.context.clientFactoryExports, ["getPrisma"])
        let report = Checker.run(workspace)
        XCTAssertEqual(report.findings.map(\.rule), ["read-in-retry"], "\(report.findings)")
        XCTAssertTrue(report.findings.first?.message.hasPrefix("getPrisma().user.findMany is a read") == true, report.findings.first?.message ?? "")
        let localize = try TransformRun.run(try XCTUnwrap(TransformRegistry.entry("localize-client")), workspace: workspace, options: TransformOptions())
        XCTAssertEqual(localize.skippedFiles.compactMap(\.skipReason), ["imports the client factory getPrisma(); a local client would change how every call reaches it; left as it is"])
    }
}

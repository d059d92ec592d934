import CodemodCore
import PrismaRules
import PrismaTransforms
import SyntaxTree
import XCTest

/// The prefilter may only skip a file whose analysis finds nothing: checked over every golden
/// case and sample-backend file, and on the shapes it is easiest to get wrong.
final class PrismaPrefilterTests: XCTestCase {
    private func context(_ configuration: PrismaConfiguration, schemaModels: Set<String> = []) -> PrismaContext {
        var context = PrismaContext(configuration: configuration, resolver: ModuleResolver(aliases: []), centralModulePath: "src/utils/prisma.ts")
        context.schemaModels = schemaModels
        return context
    }

    /// What any command could report about a file: calls, bindings, retries, listed sites, findings.
    private func findsSomething(_ bytes: [UInt8], path: String, context: PrismaContext) throws -> Bool {
        guard let file = try? ParsedFile.clean(path: path, bytes: bytes, parsers: ParserSet()) else { return true }
        let prisma = PrismaFile(file: file, context: context)
        let rules = CheckRegistry.rules(for: context.configuration)
        return !prisma.calls.isEmpty || !prisma.retryCalls.isEmpty || !prisma.unanalysable.isEmpty || !prisma.instances.isEmpty
            || !prisma.centralImports.isEmpty || !prisma.retryImports.isEmpty || !prisma.clientPackageImports.isEmpty
            || !Checker.run([prisma], rules: rules).isEmpty
    }

    func testEveryFileWithSomethingToReportIsKept() throws {
        var seen = 0
        for golden in try GoldenCase.all() {
            let filter = PrismaPrefilter(context: golden.context)
            for url in [golden.inputURL, golden.inputURL.deletingLastPathComponent().appendingPathComponent("expected.ts")]
            where FileManager.default.fileExists(atPath: url.path) {
                let bytes = [UInt8](try Data(contentsOf: url))
                if try findsSomething(bytes, path: golden.path, context: golden.context) {
                    XCTAssertTrue(filter.mayConcernPrisma(bytes, path: golden.path), url.path)
                }
                seen += 1
            }
        }
        let backend = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/backend")
        let sample = context(try defaultConfiguration())
        let filter = PrismaPrefilter(context: sample)
        for path in try FileManager.default.subpathsOfDirectory(atPath: backend.path) where path.hasSuffix(".ts") {
            let bytes = [UInt8](try Data(contentsOf: backend.appendingPathComponent(path)))
            if try findsSomething(bytes, path: path, context: sample) {
                XCTAssertTrue(filter.mayConcernPrisma(bytes, path: path), path)
            }
            seen += 1
        }
        XCTAssertGreaterThan(seen, 100)
    }

    func testShapesKeptAndSkipped() throws {
        let filter = PrismaPrefilter(context: context(try defaultConfiguration(), schemaModels: ["invoice"]))
        let kept = [
            "import db from '../utils/prisma';\nexport const { user } = db;\n",  // a default import, under another name
            "import * as m from './utils/prisma';\n",
            "export const load = () => import('../utils/prisma');\n",
            "export const all = (api: any) => api.order.findMany();\n",  // looks like Prisma: listed
            "export const one = (db: any) => db.order.create({});\n",
            "export const bill = (x: any) => x.invoice.count();\n",  // a schema model
            "export const raw = (x: any) => x.$queryRaw`SELECT 1`;\n",
            "// prisma-codemod-ignore-next-line read-in-retry\nexport const a = 1;\n",
            "export const url = process.env.PRISMA_URL;\n",
        ]
        for text in kept {
            XCTAssertTrue(filter.mayConcernPrisma(Array(text.utf8), path: "src/services/a.ts"), text)
        }
        let skipped = [
            "import { Router } from 'express';\nconst router = Router();\nrouter.delete('/x', handler);\nexport default router;\n",
            "export interface Row { id: number; createdAt: Date; deletedAt?: Date }\n",
            "import { load } from './a.service';\nexport const handle = async () => load(1);\n",
            "export const stripe = (s: any) => s.customers.create({});\n",  // a common method, no client-like name
        ]
        for text in skipped {
            let bytes = Array(text.utf8)
            XCTAssertFalse(filter.mayConcernPrisma(bytes, path: "src/controllers/a.ts"), text)
            XCTAssertFalse(try findsSomething(bytes, path: "src/controllers/a.ts", context: context(try defaultConfiguration(), schemaModels: ["invoice"])), text)
        }
    }
}

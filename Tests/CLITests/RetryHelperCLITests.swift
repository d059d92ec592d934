import Foundation
import XCTest

/// The wrap transforms call a helper that exists: its module must export it (followed
/// through re-exports), and the module that defines it calls it by its own name.
final class RetryHelperCLITests: XCTestCase {
    private static let service = """
        import { prisma } from '../db';

        export async function addUser(name: string) {
          return await prisma.user.create({ data: { name } });
        }

        """

    func testWrapStopsWhenTheHelperModuleDoesNotExportTheHelper() throws {
        let repo = try temporaryProject([
            "package.json": "{}",
            // The sample plan, whose phase 3 wraps writes: `plan` must report that it cannot run.
            "prisma-codemod.yaml": "phases: sample\n",
            "src/db.ts": "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n",
            "src/services/users.ts": Self.service,
        ])
        defer { try? FileManager.default.removeItem(at: repo) }
        let before = try snapshot(repo)
        for command in ["diff", "apply"] {
            let result = try tool([command, "wrap-writes", "."], in: repo)
            XCTAssertEqual(result.status, 2, "\(command): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("wrap-writes would call executeWithRetry, but src/db.ts does not export it"), result.stderr)
            XCTAssertEqual(result.stdout, "")
        }
        XCTAssertEqual(try snapshot(repo), before, "nothing written")
        let plan = try tool(["plan", "."], in: repo)
        XCTAssertEqual(plan.status, 2)
        XCTAssertTrue(plan.stdout.contains("cannot run: src/db.ts: wrap-writes would call executeWithRetry, but src/db.ts does not export it"), plan.stdout)
    }

    func testHelperReexportedFromAnotherModuleIsFollowed() throws {
        let repo = try temporaryProject([
            "package.json": "{}",
            "prisma-codemod.yaml": "retry:\n  module: src/db.ts\n",
            "src/db.ts": """
                import { PrismaClient } from '@prisma/client';
                export { executeWithRetry } from './lib/retry';
                export const prisma = new PrismaClient();

                export async function seed() {
                  await prisma.user.create({ data: { name: 'root' } });
                }

                """,
            "src/lib/retry.ts": "export async function executeWithRetry<T>(run: () => Promise<T>): Promise<T> {\n  return run();\n}\n",
            "src/services/users.ts": Self.service,
        ])
        defer { try? FileManager.default.removeItem(at: repo) }
        let result = try tool(["apply", "wrap-writes", "."], in: repo)
        XCTAssertEqual(result.status, 0, result.stderr)
        let users = try String(contentsOf: repo.appendingPathComponent("src/services/users.ts"), encoding: .utf8)
        XCTAssertTrue(users.hasPrefix("import { prisma, executeWithRetry } from '../db';\n"), users)
        // Inside the module that re-exports it, the helper is imported from where it is defined.
        let db = try String(contentsOf: repo.appendingPathComponent("src/db.ts"), encoding: .utf8)
        XCTAssertTrue(db.contains("import { executeWithRetry } from './lib/retry';\n"), db)
        XCTAssertTrue(db.contains("await executeWithRetry(() => prisma.user.create({ data: { name: 'root' } }));"), db)
    }

    func testTheDefiningModuleCallsTheHelperByItsLocalName() throws {
        let repo = try temporaryProject([
            "package.json": "{}",
            "src/db.ts": """
                import { PrismaClient } from '@prisma/client';
                export const prisma = new PrismaClient();

                async function retrying<T>(run: () => Promise<T>): Promise<T> {
                  return run();
                }
                export { retrying as executeWithRetry };

                export async function seed() {
                  await prisma.user.create({ data: { name: 'root' } });
                }

                """,
            "src/services/users.ts": Self.service,
        ])
        defer { try? FileManager.default.removeItem(at: repo) }
        let result = try tool(["apply", "wrap-writes", "."], in: repo)
        XCTAssertEqual(result.status, 0, result.stderr)
        let db = try String(contentsOf: repo.appendingPathComponent("src/db.ts"), encoding: .utf8)
        XCTAssertTrue(db.contains("await retrying(() => prisma.user.create({ data: { name: 'root' } }));"), db)
        XCTAssertFalse(db.contains("import { executeWithRetry }"), db)
        let users = try String(contentsOf: repo.appendingPathComponent("src/services/users.ts"), encoding: .utf8)
        XCTAssertTrue(users.contains("return await executeWithRetry(() => prisma.user.create({ data: { name } }));"), users)
    }
}

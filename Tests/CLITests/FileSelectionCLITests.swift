import Foundation
import XCTest

/// Which files a command reads: the scope line, globs, --extensions, and JavaScript backends.
final class FileSelectionCLITests: XCTestCase {
    func testEveryCommandThatReadsTheTreeSaysHowManyFiles() throws {
        for arguments in [["check"], ["inventory"], ["plan"], ["diff", "unwrap-reads"]] {
            let result = try tool(arguments + ["Fixtures/backend"], in: repositoryRoot)
            XCTAssertTrue(result.stderr.hasPrefix("73 file(s) in 1 project\n"), "\(arguments): \(result.stderr)")
        }
        let narrowed = try tool(["diff", "unwrap-reads", "Fixtures/backend", "--exclude", "src/services",
                                 "--exclude", "!src/services/userCache.ts"], in: repositoryRoot)
        XCTAssertEqual(narrowed.status, 0, narrowed.stderr)
        XCTAssertTrue(narrowed.stderr.hasPrefix("54 file(s) in 1 project\n"), "a folder pattern, then one file taken back: \(narrowed.stderr)")
        let braces = try tool(["inventory", "Fixtures/backend", "--include", "src/{services,utils}/*Cache.ts"], in: repositoryRoot)
        XCTAssertTrue(braces.stderr.hasPrefix("4 file(s) in 1 project\n"), braces.stderr)
        let monorepo = try tool(["inventory", "Fixtures/monorepo"], in: repositoryRoot)
        XCTAssertTrue(monorepo.stderr.hasPrefix("16 file(s) in 3 projects\n"), "counted before init is asked for: \(monorepo.stderr)")
    }

    func testASelectionThatMatchesNothingIsAnError() throws {
        let result = try tool(["check", "Fixtures/backend", "--include", "src/nowhere/**", "--exclude", "*.test.ts"], in: repositoryRoot)
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stdout, "", "no report of an empty run")
        XCTAssertTrue(result.stderr.contains("error: no TypeScript files matched Fixtures/backend with --include 'src/nowhere/**' "
                                             + "--exclude '*.test.ts' (extensions ts,tsx,mts,cts,js,jsx,mjs,cjs; "), result.stderr)
        let file = try tool(["diff", "unwrap-reads", "Fixtures/backend/package.json"], in: repositoryRoot)
        XCTAssertEqual(file.status, 2)
        XCTAssertTrue(file.stderr.contains("no TypeScript files matched Fixtures/backend/package.json"), file.stderr)
    }

    func testMalformedGlobsAndExtensionsAreUsageErrors() throws {
        for (option, pattern) in [("--include", "src/[ab"), ("--exclude", "src/{a,b"), ("--only-files", "src/**.ts")] {
            let result = try tool(["diff", "unwrap-reads", "Fixtures/backend", option, pattern], in: repositoryRoot)
            XCTAssertEqual(result.status, 2, "\(option) \(pattern)")
            XCTAssertTrue(result.stderr.contains("error: \(option) '\(pattern)': "), result.stderr)
        }
        let unknown = try tool(["inventory", "Fixtures/backend", "--extensions", "ts,py"], in: repositoryRoot)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("error: --extensions: 'py' is not a TypeScript or JavaScript source extension"), unknown.stderr)
    }

    /// A JavaScript backend: an ES module `.js` file and a CommonJS `.cjs` file are read with
    /// the JavaScript grammar, analysed and rewritten like TypeScript; --extensions narrows.
    func testJavaScriptFilesAreReadAndRewritten() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prisma-codemod-js-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = [
            "package.json": #"{ "name": "js-backend", "type": "module", "dependencies": { "@prisma/client": "^5.0.0" } }"# + "\n",
            "src/utils/prisma.mjs": """
                import { PrismaClient } from '@prisma/client';

                export const prisma = new PrismaClient();

                export async function executeWithRetry(operation) {
                  return operation();
                }

                """,
            "src/controllers/users.js": """
                import { prisma, executeWithRetry } from '../utils/prisma.mjs';

                export async function listUsers(req, res) {
                  const users = await executeWithRetry(() => prisma.user.findMany());
                  return res.json(users);
                }

                """,
            "src/jobs/cleanup.cjs": """
                const { PrismaClient } = require('@prisma/client');
                const { executeWithRetry } = require('../utils/retry.cjs');

                const prisma = new PrismaClient();

                module.exports = async function cleanup() {
                  return await executeWithRetry(() => prisma.session.findMany());
                };

                """,
            "src/reports/daily.ts": """
                import { prisma, executeWithRetry } from '../utils/prisma.mjs';

                export const daily = async (): Promise<number> => await executeWithRetry(() => prisma.user.count());

                """,
            "build/users.js": "export const stale = await executeWithRetry(() => prisma.user.findMany());\n",
        ]
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }

        let all = try tool(["diff", "unwrap-reads", "."], in: folder)
        XCTAssertEqual(all.status, 0, all.stderr)
        XCTAssertTrue(all.stderr.hasPrefix("4 file(s) in 1 project\n"), "build/ is never read: \(all.stderr)")
        XCTAssertTrue(all.stderr.contains("unwrap-reads: 3 file(s) would change (3 site(s)), 1 unchanged, 0 skipped, 0 failed"), all.stderr)

        let javascript = try tool(["diff", "unwrap-reads", ".", "--extensions", "js,cjs"], in: folder)
        XCTAssertTrue(javascript.stderr.hasPrefix("2 file(s) in 1 project\n"), javascript.stderr)
        XCTAssertTrue(javascript.stderr.contains("unwrap-reads: 2 file(s) would change"), javascript.stderr)
        let typescript = try tool(["diff", "unwrap-reads", ".", "--extensions", ".ts"], in: folder)
        XCTAssertTrue(typescript.stderr.hasPrefix("1 file(s) in 1 project\n"), typescript.stderr)
        XCTAssertTrue(typescript.stdout.contains("+++ b/src/reports/daily.ts"), "the central .mjs module is still found: \(typescript.stderr)")
        let none = try tool(["diff", "unwrap-reads", "src/controllers", "--extensions", "mjs"], in: folder)
        XCTAssertEqual(none.status, 2)
        XCTAssertTrue(none.stderr.contains("no TypeScript files matched src/controllers with --extensions mjs"), none.stderr)

        let apply = try tool(["apply", "unwrap-reads", "."], in: folder)
        XCTAssertEqual(apply.status, 0, apply.stderr)
        let users = try String(contentsOf: folder.appendingPathComponent("src/controllers/users.js"), encoding: .utf8)
        XCTAssertEqual(users, """
            import { prisma } from '../utils/prisma.mjs';

            export async function listUsers(req, res) {
              const users = await prisma.user.findMany();
              return res.json(users);
            }

            """)
        let cleanup = try String(contentsOf: folder.appendingPathComponent("src/jobs/cleanup.cjs"), encoding: .utf8)
        XCTAssertTrue(cleanup.contains("  return await prisma.session.findMany();\n"), cleanup)
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("build/users.js"), encoding: .utf8), files["build/users.js"])
    }
}

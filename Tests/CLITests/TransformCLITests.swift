import Foundation
import XCTest

final class TransformCLITests: XCTestCase {
    func testListNamesEveryTransformWithItsInverse() throws {
        let result = try tool(["list"], in: repositoryRoot)
        XCTAssertEqual(result.status, 0)
        for (id, inverse) in [("localize-client", "centralize-client"), ("centralize-client", "localize-client"),
                              ("unwrap-reads", "wrap-reads"), ("wrap-reads", "unwrap-reads"),
                              ("wrap-writes", "unwrap-writes"), ("unwrap-writes", "wrap-writes")] {
            XCTAssertTrue(result.stdout.contains(id) && result.stdout.contains("(inverse: \(inverse))"), id)
        }
    }

    /// Phase 2 of the seed: 72 files, previewed as a patch git accepts, applied, and undone byte for byte.
    func testLocalizeDiffAppliesAndCentralizeRestoresTheTree() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let before = try snapshot(repo)

        let diff = try tool(["diff", "localize-client", "."], in: repo)
        XCTAssertEqual(diff.status, 0, diff.stderr)
        XCTAssertEqual(diff.stdout.components(separatedBy: "\ndiff --git ").count, 72, "72 files in the patch")
        XCTAssertTrue(diff.stdout.hasPrefix("diff --git a/src/controllers/"))
        XCTAssertTrue(diff.stderr.contains("localize-client: 72 file(s) would change (72 site(s)), 1 unchanged, 0 skipped, 0 failed"), diff.stderr)
        XCTAssertEqual(try tool(["diff", "localize-client", ".", "--exit-code"], in: repo).status, 1)
        XCTAssertEqual(try snapshot(repo), before, "diff writes nothing")

        // The patch applies cleanly and gives exactly what apply writes.
        try git(["apply", "--check", "-"], in: repo, input: diff.stdout)
        try git(["apply", "-"], in: repo, input: diff.stdout)
        let patched = try snapshot(repo)
        try git(["checkout", "--", "."], in: repo)
        let apply = try tool(["apply", "localize-client", "."], in: repo)
        XCTAssertEqual(apply.status, 0, apply.stderr)
        XCTAssertEqual(try snapshot(repo), patched)
        XCTAssertEqual(apply.stdout.split(separator: "\n").count, 72, "one changed site per file")
        let index = String(decoding: try XCTUnwrap(patched["src/index.ts"]), as: UTF8.self)
        XCTAssertTrue(index.contains("import cors from 'cors';\nimport { PrismaClient } from '@prisma/client';\nimport apiRoutes"), "in place of the central import")
        // The central client's logging option comes along, its constant written in place.
        XCTAssertTrue(index.contains("""
            from './queues/workers/emailWorker';
            const prisma = new PrismaClient({
              log: (process.env.ENABLE_QUERY_LOGGING === 'true' || process.env.NODE_ENV === 'development') ? ['query', 'error', 'warn'] : ['error']
            });

            """), "after the last import, built as the central client is")
        XCTAssertTrue(index.contains("await prisma.$disconnect();"), "shutdown keeps working on the local client")
        XCTAssertEqual(patched["src/utils/prisma.ts"], before["src/utils/prisma.ts"], "the central module is left alone")

        // Running it again changes nothing; the inverse restores every byte.
        XCTAssertTrue(try tool(["apply", "localize-client", "."], in: repo).stderr.contains("0 file(s) changed"))
        let back = try tool(["apply", "centralize-client", "."], in: repo)
        XCTAssertEqual(back.status, 0, back.stderr)
        XCTAssertEqual(try snapshot(repo), before)
    }

    /// Phases 1 and 3 of the seed, and their exact inverses aimed with --at.
    func testRetryPhasesAndTheirInverses() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let before = try snapshot(repo)

        let check = try tool(["check", "."], in: repo)
        XCTAssertEqual(check.status, 1)
        let lines = check.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 9)
        XCTAssertTrue(lines.allSatisfy { $0.contains(": error[read-in-retry]: ") })
        XCTAssertEqual(Set(lines.map { $0.split(separator: ":")[0] }).count, 7, "7 files")
        // The Prisma calls' lines; each retry call opens on the line above.
        XCTAssertEqual(lines.map { $0.split(separator: ":").prefix(2).joined(separator: ":") }, [
            "src/controllers/authController.ts:411", "src/controllers/organizationController.ts:767",
            "src/controllers/userController.ts:228", "src/services/filterListCache.ts:61", "src/services/filterListCache.ts:147",
            "src/services/userCache.ts:48", "src/services/worktimeCache.ts:48", "src/utils/organizationCache.ts:31",
            "src/utils/organizationCache.ts:71",
        ])

        let unwrap = try tool(["apply", "unwrap-reads", ".", "--format", "json"], in: repo)
        XCTAssertEqual(unwrap.status, 0, unwrap.stderr)
        XCTAssertEqual(try tool(["check", "."], in: repo).status, 0, "no read in retry is left")
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(unwrap.stdout.utf8)) as? [String: Any])
        let files = try XCTUnwrap(report["files"] as? [[String: Any]])
        var at: [String] = []
        for file in files {
            for site in file["sites"] as? [[String: Any]] ?? [] {
                at += ["--at", "\(file["path"] as? String ?? ""):\(site["line"] as? Int ?? 0)"]
            }
        }
        XCTAssertEqual(at.count, 18, "9 sites")
        let wrap = try tool(["apply", "wrap-reads", "."] + at, in: repo)
        XCTAssertEqual(wrap.status, 0, wrap.stderr)
        XCTAssertTrue(wrap.stderr.contains("9 site(s)"), wrap.stderr)
        XCTAssertEqual(try snapshot(repo), before, "wrap-reads at exactly those sites restores every byte")

        let writes = try tool(["apply", "wrap-writes", ".", "--only", "notification.create"], in: repo)
        XCTAssertEqual(writes.status, 0, writes.stderr)
        XCTAssertEqual(writes.stdout.split(separator: "\n").map { $0.split(separator: ":")[0] },
                       Array(repeating: "src/controllers/notificationController.ts", count: 3))
        let changed = try git(["status", "--porcelain"], in: repo).stdout
        XCTAssertEqual(changed, " M src/controllers/notificationController.ts\n")
        let controller = String(decoding: try Data(contentsOf: repo.appendingPathComponent("src/controllers/notificationController.ts")), as: UTF8.self)
        XCTAssertTrue(controller.contains("import { prisma, executeWithRetry } from '../utils/prisma';"))
        XCTAssertTrue(controller.contains("    const notification = await executeWithRetry(() =>\n      prisma.notification.create({\n        data: {"),
                      "the seed's shape")
        let undo = try tool(["apply", "unwrap-writes", ".", "--only", "notification.create"], in: repo)
        XCTAssertEqual(undo.status, 0, undo.stderr)
        XCTAssertEqual(try snapshot(repo), before)
    }

    func testFilesThatFailToParseAreReportedAndUntouched() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let broken = repo.appendingPathComponent("src/controllers/broken.ts")
        let text = "import { prisma } from '../utils/prisma';\nexport const x = ( => prisma.user.count();\n"
        try Data(text.utf8).write(to: broken)
        let result = try tool(["apply", "localize-client", "."], in: repo)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("src/controllers/broken.ts:2:"), result.stderr)
        XCTAssertTrue(result.stderr.contains("file left untouched"))
        XCTAssertTrue(result.stderr.contains("72 file(s) changed"), "the other files are still done")
        XCTAssertEqual(try String(contentsOf: broken, encoding: .utf8), text)
    }

    func testSymlinkedSourcesAreNeitherCountedTwiceNorWrittenThrough() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        try FileManager.default.createSymbolicLink(atPath: repo.appendingPathComponent("src/services/userCacheLink.ts").path,
                                                   withDestinationPath: "userCache.ts")
        let inventory = try tool(["inventory", ".", "--format", "json"], in: repo)
        let totals = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(inventory.stdout.utf8)) as? [String: Any])?["totals"] as? [String: Int])
        XCTAssertEqual(totals["wrappedReads"], 9)
        let apply = try tool(["apply", "unwrap-reads", "."], in: repo)
        XCTAssertEqual(apply.status, 0, apply.stderr)
        XCTAssertTrue(apply.stderr.contains("unwrap-reads: 7 file(s) changed (9 site(s))"), apply.stderr)
        let named = try tool(["inventory", "src/services/userCacheLink.ts"], in: repo)
        XCTAssertEqual(named.status, 2)
        XCTAssertTrue(named.stderr.contains("src/services/userCacheLink.ts: is a symbolic link; never written through, skipped"), named.stderr)
    }

    func testInteractiveApplyAsksPerFile() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        // yes, no, then quit: exactly one file is written.
        let result = try tool(["apply", "unwrap-reads", ".", "--interactive"], in: repo, input: "y\nn\nq\n")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("[y]es/[n]o/[a]ll/[q]uit"))
        XCTAssertTrue(result.stderr.contains("unwrap-reads: 1 of 7 file(s) changed (1 site(s))"), result.stderr)
        XCTAssertEqual(try git(["status", "--porcelain"], in: repo).stdout, " M src/controllers/authController.ts\n")
        let all = try tool(["apply", "unwrap-reads", ".", "-i"], in: repo, input: "a\n")
        XCTAssertEqual(all.status, 0)
        XCTAssertEqual(try git(["status", "--porcelain"], in: repo).stdout.split(separator: "\n").count, 7)
    }

    func testScopeAndUsageErrors() throws {
        let unknown = try tool(["diff", "frobnicate", "Fixtures/backend"], in: repositoryRoot)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("unknown transform 'frobnicate'"), unknown.stderr)
        XCTAssertEqual(try tool(["diff", "unwrap-reads", "Fixtures/backend", "--at", "nowhere"], in: repositoryRoot).status, 2)
        let onlyFiles = try tool(["diff", "unwrap-reads", "Fixtures/backend", "--only-files", "src/services/**"], in: repositoryRoot)
        XCTAssertTrue(onlyFiles.stderr.contains("unwrap-reads: 3 file(s) would change (4 site(s))"), onlyFiles.stderr)
        let excluded = try tool(["diff", "unwrap-reads", "Fixtures/backend", "--exclude", "*Cache.ts"], in: repositoryRoot)
        XCTAssertTrue(excluded.stderr.contains("unwrap-reads: 3 file(s) would change (3 site(s))"), excluded.stderr)
        let typo = try tool(["diff", "unwrap-reads", "Fixtures/backend", "--only", "user.findFrist",
                             "--at", "src/services/userCache.ts:999", "--at", "src/services/userCache.ts:47"], in: repositoryRoot)
        XCTAssertEqual(typo.status, 2, "a selector naming nothing is an error, not a quiet no-op")
        XCTAssertTrue(typo.stderr.contains("no Prisma call matches --at src/services/userCache.ts:999, --only user.findFrist"), typo.stderr)
        let colored = try tool(["diff", "unwrap-reads", "Fixtures/backend"], in: repositoryRoot, environment: ["NO_COLOR": "1"])
        XCTAssertFalse(colored.stdout.contains("\u{1B}["))
    }
}

/// A second opinion: TypeScript's own parser accepts every rewritten file.
final class TypeScriptParserCrossCheckTests: XCTestCase {
    private func typescriptParse(_ paths: [String]) throws -> RunResult {
        try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["node", repositoryRoot.appendingPathComponent("scripts/ts-parse-check.js").path] + paths,
                in: repositoryRoot)
    }

    func testEveryPhaseOutputParsesWithTypeScript() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        for phase in 1...3 {
            XCTAssertEqual(try tool(["apply", "--phase", "\(phase)", "--accept-budget"], in: repo).status, 0)
            let parsed = try typescriptParse([repo.path])
            XCTAssertEqual(parsed.status, 0, "phase \(phase): \(parsed.stdout)")
            XCTAssertTrue(parsed.stdout.hasSuffix("73 files parsed, 0 syntax diagnostics\n"), parsed.stdout)
        }
    }

    func testEveryExpectedGoldenOutputParsesWithTypeScript() throws {
        let cases = repositoryRoot.appendingPathComponent("Fixtures/cases")
        let expected = try FileManager.default.subpathsOfDirectory(atPath: cases.path)
            .filter { ($0 as NSString).lastPathComponent.hasPrefix("expected.") }
            .map { cases.appendingPathComponent($0).path }
        XCTAssertGreaterThan(expected.count, 40)
        let parsed = try typescriptParse(expected)
        XCTAssertEqual(parsed.status, 0, parsed.stdout)
    }
}

extension TransformCLITests {
    /// --only-files narrows what --include already selects; it never widens it.
    func testOnlyFilesNarrowsIncludes() throws {
        let both = try tool(["diff", "unwrap-reads", "Fixtures/backend", "--include", "src/utils/**", "--only-files", "src/services/**"],
                            in: repositoryRoot)
        XCTAssertEqual(both.status, 2, "the services are outside what --include selects: nothing to narrow to")
        XCTAssertTrue(both.stderr.contains("no file of the run matches --only-files src/services/**"), both.stderr)
        XCTAssertEqual(both.stdout, "")
        let plan = try tool(["plan", "Fixtures/backend", "--cpus", "0"], in: repositoryRoot)
        XCTAssertEqual(plan.status, 2, "plan validates its budget options like inventory")
    }
}

import Foundation
import XCTest

/// Issue 9: a monorepo of three projects shaped unlike the sample backend (a client
/// exported as `db` with a `withRetry` helper; a `globalThis` singleton reached through
/// `#app/` imports and a re-exporting index; an ESM service with `.js` specifiers and
/// `paths` from an extended base config; a test with its own client).
final class MonorepoCLITests: XCTestCase {
    private static let projects = ["apps/remix", "services/billing", "services/shop"]
    private let expected = repositoryRoot.appendingPathComponent("Fixtures/monorepo-expected")

    private func monorepo() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prisma-codemod-mono-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Fixtures/monorepo"), to: folder)
        try git(["init", "-q", "-b", "main"], in: folder)
        try git(["add", "-A"], in: folder)
        try git(["commit", "-qm", "start"], in: folder)
        return folder
    }

    private func findings(_ arguments: [String], in repo: URL) throws -> [[String: Any]] {
        let result = try tool(["check", "--format", "json"] + arguments, in: repo)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return try XCTUnwrap(json?["findings"] as? [[String: Any]], result.stderr)
    }

    private func describe(_ finding: [String: Any]) -> String {
        "\(finding["path"] ?? ""):\(finding["line"] ?? ""):\(finding["column"] ?? "") \(finding["rule"] ?? "") \(finding["message"] ?? "")"
    }

    func testWithoutInitCheckRefusesThenInitMakesItSeeEverything() throws {
        let repo = try monorepo()
        defer { try? FileManager.default.removeItem(at: repo) }
        let blind = try tool(["check", "."], in: repo)
        XCTAssertEqual(blind.status, 2, "never 0 findings because nothing was recognised")
        XCTAssertTrue(blind.stderr.contains("withRetry wraps Prisma calls") && blind.stderr.contains("run `prisma-codemod init`"), blind.stderr)

        for project in Self.projects {
            let initResult = try tool(["init", project], in: repo)
            XCTAssertEqual(initResult.status, 0, initResult.stderr)
            XCTAssertTrue(FileManager.default.fileExists(atPath: repo.appendingPathComponent("\(project)/prisma-codemod.yaml").path))
        }
        XCTAssertEqual(try tool(["init", "services/shop"], in: repo).status, 2, "never overwritten without --force")
        let shop = try String(contentsOf: repo.appendingPathComponent("services/shop/prisma-codemod.yaml"), encoding: .utf8)
        XCTAssertTrue(shop.contains("centralModule: \"src/lib/db.ts\"\n  export: \"db\"") && shop.contains("helpers: [\"withRetry\"]"), shop)

        let check = try tool(["check", "."], in: repo)
        XCTAssertEqual(check.status, 1, check.stderr)
        XCTAssertEqual(check.stdout, try String(contentsOf: expected.appendingPathComponent("check.txt"), encoding: .utf8))
        XCTAssertTrue(check.stderr.contains("check: 6 error(s), 2 warning(s)"), check.stderr)

        // Every central importer and every wrapped read, per project, as written by hand.
        let inventory = try tool(["inventory", "--format", "json", "."], in: repo)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(inventory.stdout.utf8)) as? [String: Any], inventory.stderr)
        let handWritten = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: expected.appendingPathComponent("inventory.json"))) as? [String: [String: Any]])
        let projects = try XCTUnwrap(report["projects"] as? [[String: Any]])
        XCTAssertEqual(projects.count, 3)
        for project in projects {
            let root = try XCTUnwrap(project["root"] as? String)
            let name = try XCTUnwrap(Self.projects.first { root.hasSuffix("/" + $0) }, root)
            let want = try XCTUnwrap(handWritten[name])
            let files = try XCTUnwrap(project["files"] as? [[String: Any]])
            XCTAssertEqual(project["centralModule"] as? String, want["centralModule"] as? String, name)
            let importers = files.filter { !(($0["centralImports"] as? [Any]) ?? []).isEmpty }.compactMap { $0["path"] as? String }
            XCTAssertEqual(importers, want["centralImporters"] as? [String], name)
            let wrapped = files.flatMap { file in
                ((file["calls"] as? [[String: Any]]) ?? []).filter { $0["kind"] as? String == "read" && $0["retry"] != nil }.map { call in
                    let line = (call["position"] as? [String: Any])?["line"] as? Int ?? 0
                    let label = [call["client"], call["model"], call["method"]].compactMap { $0 as? String }.joined(separator: ".")
                    return "\(file["path"] as? String ?? ""):\(line) \(label)"
                }
            }
            XCTAssertEqual(wrapped, want["wrappedReads"] as? [String], name)
        }
    }

    /// lint-staged and pre-commit name files: each gets the verdict the whole tree gives it.
    func testCheckOfOneFileOrSomeProjectsEqualsTheWholeTreeVerdict() throws {
        let repo = try monorepo()
        defer { try? FileManager.default.removeItem(at: repo) }
        // At the monorepo root (no Prisma project itself), init does each Prisma project below it.
        let initAll = try tool(["init", "."], in: repo)
        XCTAssertEqual(initAll.status, 0, initAll.stderr)
        for project in Self.projects {
            XCTAssertTrue(initAll.stderr.contains("wrote \(project)/prisma-codemod.yaml"), initAll.stderr)
        }
        let whole = try findings(["."], in: repo)
        let sources = try git(["ls-files", "*.ts", "*.tsx"], in: repo).stdout.split(separator: "\n").map(String.init)
        XCTAssertGreaterThan(sources.count, 12)
        for path in sources {
            let alone = try findings([path], in: repo).map(describe)
            XCTAssertEqual(alone, whole.filter { $0["path"] as? String == path }.map(describe), path)
        }
        let two = try findings(["services/shop", "services/billing"], in: repo).map(describe)
        XCTAssertEqual(two, whole.filter { ($0["path"] as? String)?.hasPrefix("services/") == true }.map(describe))
        XCTAssertEqual(two.count, 5)
    }

    /// The same on the sample backend: every file named alone gets the whole tree's verdict.
    func testEverySampleBackendFileAloneGetsTheWholeTreeVerdict() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let whole = try findings(["."], in: repo)
        XCTAssertEqual(whole.count, 9)
        let sources = try git(["ls-files", "*.ts"], in: repo).stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(sources.count, 73)
        for path in sources {
            XCTAssertEqual(try findings([path], in: repo).map(describe), whole.filter { $0["path"] as? String == path }.map(describe), path)
        }
    }

    /// NestJS: the client is a class extending PrismaClient, injected; no module exports an
    /// instance. A service file checked alone still sees it, and init records the class.
    func testANestServiceCheckedAloneAndInit() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prisma-codemod-nest-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = [
            "package.json": #"{ "dependencies": { "@nestjs/common": "^10.0.0", "@prisma/client": "^5.0.0" } }"#,
            "src/prisma/prisma.service.ts": "import { Injectable } from '@nestjs/common';\nimport { PrismaClient } from '@prisma/client';\n\n@Injectable()\nexport class PrismaService extends PrismaClient {}\n",
            "src/retry.ts": "export async function withDbRetry<T>(operation: () => Promise<T>): Promise<T> {\n  return operation();\n}\n",
            "src/users/users.service.ts": """
                import { Injectable } from '@nestjs/common';
                import { PrismaService } from '../prisma/prisma.service';
                import { withDbRetry } from '../retry';

                @Injectable()
                export class UsersService {
                  constructor(private readonly prisma: PrismaService) {}

                  findOne(id: number) {
                    return withDbRetry(() => this.prisma.user.findUnique({ where: { id } }));
                  }
                }

                """,
        ]
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try git(["init", "-q"], in: folder)
        let alone = try tool(["check", "src/users/users.service.ts"], in: folder)
        XCTAssertEqual(alone.status, 1, alone.stderr)
        XCTAssertEqual(alone.stdout, try tool(["check", "."], in: folder).stdout)
        XCTAssertTrue(alone.stdout.contains("src/users/users.service.ts:10:30: error[read-in-retry]: this.prisma.user.findUnique"), alone.stdout)
        let initResult = try tool(["init", "--dry-run"], in: folder)
        XCTAssertEqual(initResult.status, 0, initResult.stderr)
        XCTAssertTrue(initResult.stdout.contains("types: [\"PrismaService\"]") && initResult.stdout.contains("helpers: [\"withDbRetry\"]"),
                      initResult.stdout)
        let typo = try tool(["diff", "unwrap-reads", "--only-files", "src/users/user.service.ts"], in: folder)
        XCTAssertEqual(typo.status, 2, "an --only-files pattern that names no file is a typo")
        XCTAssertTrue(typo.stderr.contains("no file of the run matches --only-files src/users/user.service.ts"), typo.stderr)
    }
}

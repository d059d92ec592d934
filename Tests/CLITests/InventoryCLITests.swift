import Foundation
import XCTest

final class InventoryCLITests: XCTestCase {
    func testTextInventoryOfTheSampleBackend() throws {
        let result = try tool(["inventory", "Fixtures/backend"], in: repositoryRoot)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("central client module: src/utils/prisma.ts"))
        XCTAssertTrue(result.stdout.contains("reads wrapped in retry: 9"))
        XCTAssertTrue(result.stdout.contains("  src/utils/organizationCache.ts:31:9  prisma.userRole.findFirst  in executeWithRetry"))
        XCTAssertTrue(result.stdout.contains("client instances (new PrismaClient): 1"))
        XCTAssertTrue(result.stdout.contains("connection budget: 1 client instance(s) × 100 connections"))
        XCTAssertFalse(result.stdout.contains("\u{1B}["), "no color when not on a terminal")
    }

    func testJSONInventoryIsStableAndComplete() throws {
        let first = try tool(["inventory", "Fixtures/backend", "--format", "json", "--cpus", "2"], in: repositoryRoot)
        let second = try tool(["inventory", "Fixtures/backend", "--format", "json", "--cpus", "2"], in: repositoryRoot)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(first.stdout, second.stdout, "same input, same bytes")
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        let totals = try XCTUnwrap(json["totals"] as? [String: Int])
        XCTAssertEqual(totals["centralImports"], 72)
        XCTAssertEqual(totals["wrappedReads"], 9)
        XCTAssertEqual(totals["instances"], 1)
        XCTAssertEqual(totals["failedFiles"], 0)
        let budget = try XCTUnwrap(json["budget"] as? [String: Any])
        XCTAssertEqual(budget["worstCase"] as? Int, 100)
        XCTAssertEqual(json["version"] as? Int, 1)
    }

    func testBudgetWarningAndOptions() throws {
        let result = try tool(["inventory", "Fixtures/backend", "--database-url", "postgresql://h/db?connection_limit=150",
                               "--max-connections", "120"], in: repositoryRoot)
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.contains("1 client instance(s) × 150 connections (connection_limit in --database-url) = 150 at worst; max_connections 120"))
        XCTAssertTrue(result.stdout.contains("max_connections 120 — exceeds it by 30\nwarning: the worst case exceeds max_connections\n"), result.stdout)
    }

    /// A NestJS-shaped project: the injected PrismaService's calls are counted, and what
    /// the analysis cannot follow is listed by `inventory` and noted by `check`.
    func testNestJSProjectCallsAreSeenAndTheRestListed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prisma-codemod-nest-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = [
            "package.json": #"{ "dependencies": { "@nestjs/common": "10.0.0", "@prisma/client": "5.0.0" } }"#,
            "src/prisma/prisma.service.ts": """
                import { Injectable, OnModuleInit } from '@nestjs/common';
                import { PrismaClient } from '@prisma/client';
                @Injectable()
                export class PrismaService extends PrismaClient implements OnModuleInit {
                  async onModuleInit() { await this.$connect(); }
                }

                """,
            "src/users/users.service.ts": """
                import { Injectable } from '@nestjs/common';
                import { PrismaService } from '../prisma/prisma.service';
                @Injectable()
                export class UsersService {
                  constructor(private readonly prisma: PrismaService) {}
                  findAll() { return this.prisma.user.findMany(); }
                  create(name: string) { return this.prisma.user.create({ data: { name } }); }
                  byName(run: (f: unknown) => unknown) { return run(this.prisma.user.findFirst); }
                }

                """,
        ]
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let result = try tool(["inventory", "."], in: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("""
            src/prisma/prisma.service.ts        0        0      0         0       0         0      1   0
            src/users/users.service.ts          0        0      1         0       1         0      0   0
            """), "this.$connect() in the service, the two calls through the injected one: \(result.stdout)")
        XCTAssertTrue(result.stdout.contains("""
            Prisma-like code not analysable (not counted above, never rewritten or checked): 1
              src/users/users.service.ts:8:53: this.prisma.user.findFirst is used as a value (a method reference); calls through it are not analysed

            """), result.stdout)

        XCTAssertTrue(result.stdout.contains("""
            client classes a container instantiates (one instance each in the budget): 1
              src/prisma/prisma.service.ts:4:8 PrismaService extends PrismaClient
            """), result.stdout)
        XCTAssertTrue(result.stdout.contains("connection budget: 1 client instance(s)"), "the injected service is a pool: \(result.stdout)")

        let json = try tool(["inventory", ".", "--format", "json"], in: folder)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((report["totals"] as? [String: Int])?["unanalysable"], 1)
        XCTAssertEqual((report["totals"] as? [String: Int])?["calls"], 3)
        XCTAssertEqual((report["totals"] as? [String: Int])?["providers"], 1)
        XCTAssertEqual((report["budget"] as? [String: Any])?["instances"] as? Int, 1)

        let check = try tool(["check", "."], in: folder)
        XCTAssertTrue(check.stderr.contains("""
            note: 1 Prisma-like site(s) the analysis cannot follow were not checked:
              src/users/users.service.ts:8:53: this.prisma.user.findFirst is used as a value (a method reference)
            """), check.stderr)
    }

    func testBadInput() throws {
        let missing = try tool(["inventory", "no/such/folder"], in: repositoryRoot)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("no/such/folder: no such file or directory"), missing.stderr)

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prisma-codemod-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("src"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("{}".utf8).write(to: folder.appendingPathComponent("package.json"))
        try Data("import { prisma } from './db';\nexport const a = prisma.user.count();\n".utf8).write(to: folder.appendingPathComponent("src/ok.ts"))
        try Data("export const b = (;\n// prisma\n".utf8).write(to: folder.appendingPathComponent("src/broken.ts"))
        try Data([0x61, 0x00]).write(to: folder.appendingPathComponent("src/binary.ts"))
        try Data([0x63, 0xE4, 0x0A]).write(to: folder.appendingPathComponent("src/latin1.ts"))
        let result = try tool(["inventory", "."], in: folder)
        XCTAssertEqual(result.status, 2, "files that failed are an error, after the report")
        XCTAssertTrue(result.stdout.contains("files that failed to parse (skipped): 3"))
        XCTAssertTrue(result.stderr.contains("src/broken.ts:1:"), result.stderr)
        XCTAssertTrue(result.stderr.contains("src/binary.ts: looks binary"), result.stderr)
        XCTAssertTrue(result.stderr.contains("src/latin1.ts: not valid UTF-8"), result.stderr)

        let usage = try tool(["inventory", ".", "--cpus", "0"], in: folder)
        XCTAssertEqual(usage.status, 2, "usage errors exit 2 like every other error")
        XCTAssertTrue(usage.stderr.contains("--cpus must be at least 1"), usage.stderr)
    }
}

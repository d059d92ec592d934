import Foundation
import XCTest

/// `--jobs` and `--quiet`: how many files at once never changes what a command says, and the
/// progress line is for terminals only.
final class RunOptionsCLITests: XCTestCase {
    func testOneWorkerAndAllCoresGiveTheSameBytes() throws {
        for arguments in [["check", "Fixtures/backend", "--format", "json"], ["diff", "unwrap-reads", "Fixtures/backend"],
                          ["inventory", "Fixtures/backend", "--format", "json"]] {
            let one = try tool(arguments + ["--jobs", "1"], in: repositoryRoot)
            let all = try tool(arguments, in: repositoryRoot)
            let quiet = try tool(arguments + ["--jobs", "3", "--quiet"], in: repositoryRoot)
            XCTAssertFalse(all.stdout.isEmpty, arguments.joined(separator: " "))
            XCTAssertEqual(one.stdout, all.stdout, arguments.joined(separator: " "))
            XCTAssertEqual(quiet.stdout, all.stdout, arguments.joined(separator: " "))
            XCTAssertEqual([one.status, quiet.status], [all.status, all.status], arguments.joined(separator: " "))
        }
    }

    func testNoProgressLineWhenStderrIsNotATerminal() throws {
        // More files than the progress line's threshold, each with a wrapped read.
        var files = ["package.json": #"{ "dependencies": { "@prisma/client": "^5.22.0" } }"#,
                     "src/db.ts": "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n"
                         + "export const executeWithRetry = async <T>(operation: () => Promise<T>) => operation();\n"]
        for index in 0..<400 {
            files["src/m\(index).ts"] = "import { prisma, executeWithRetry } from './db';\n"
                + "export const load\(index) = () => executeWithRetry(() => prisma.user.findMany());\n"
        }
        let project = try temporaryProject(files)
        defer { try? FileManager.default.removeItem(at: project) }
        let result = try tool(["check", ".", "--jobs", "2"], in: project)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(result.stdout.components(separatedBy: "[read-in-retry]").count - 1, 400)
        XCTAssertTrue(result.stderr.hasPrefix("401 file(s) in 1 project\n"), result.stderr)
        XCTAssertFalse(result.stderr.contains("\r") || result.stderr.contains("\u{1B}["), result.stderr)
    }

    func testJobsMustBePositive() throws {
        let result = try tool(["check", "Fixtures/backend", "--jobs", "0"], in: repositoryRoot)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("--jobs takes a number of at least 1, got 0"), result.stderr)
    }
}

import Foundation
import XCTest

/// The results cache of `check` and `inventory` (`.prisma-codemod/cache`): a warm run says
/// exactly what a cold one says, and whatever a file's result depends on invalidates it.
/// Tests see which results came from the cache by marking the cached messages.
final class CacheCLITests: XCTestCase {
    private func cacheFile(_ command: String, in repo: URL) -> URL {
        repo.appendingPathComponent(".prisma-codemod/cache/\(command).json")
    }

    /// Marks every cached check message, so a finding read from the cache shows it.
    private func markCachedMessages(in repo: URL) throws {
        let url = cacheFile("check", in: repo)
        let text = try String(contentsOf: url, encoding: .utf8)
        let marked = text.replacingOccurrences(of: #""message":""#, with: #""message":"CACHED "#)
        XCTAssertNotEqual(marked, text, "the cache holds findings")
        try Data(marked.utf8).write(to: url)
    }

    private func findings(_ result: RunResult) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return try XCTUnwrap(object?["findings"] as? [[String: Any]], result.stdout)
    }

    func testAWarmRunSaysWhatAColdRunSays() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        for arguments in [["check", "."], ["check", ".", "--format", "json"], ["inventory", "."], ["inventory", ".", "--format", "json"]] {
            let command = arguments[0]
            try? FileManager.default.removeItem(at: cacheFile(command, in: repo))
            let cold = try tool(arguments, in: repo)
            XCTAssertTrue(FileManager.default.fileExists(atPath: cacheFile(command, in: repo).path), arguments.joined(separator: " "))
            let warm = try tool(arguments, in: repo)
            let uncached = try tool(arguments + ["--no-cache"], in: repo)
            XCTAssertFalse(cold.stdout.isEmpty)
            XCTAssertEqual(warm.stdout, cold.stdout, arguments.joined(separator: " "))
            XCTAssertEqual(warm.stderr, cold.stderr, arguments.joined(separator: " "))
            XCTAssertEqual(warm.status, cold.status, arguments.joined(separator: " "))
            XCTAssertEqual(uncached.stdout, cold.stdout, arguments.joined(separator: " "))
        }
        // The cache is the tool's state, not the project's.
        XCTAssertEqual(try git(["status", "--porcelain", "--untracked-files=all"], in: repo).stdout, "")
    }

    func testAWarmRunOnATemporaryBackendMatchesAndReadsTheCache() throws {
        var files = ["package.json": #"{ "dependencies": { "@prisma/client": "^5.22.0" } }"#,
                     "src/db.ts": "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n"
                         + "export const executeWithRetry = async <T>(operation: () => Promise<T>) => operation();\n",
                     "src/broken.ts": "export const x = (;\n"]
        for index in 0..<20 {
            files["src/m\(index).ts"] = "import { prisma, executeWithRetry } from './db';\n"
                + "export const load\(index) = () => executeWithRetry(() => prisma.user.findMany());\n"
        }
        let project = try temporaryProject(files)
        defer { try? FileManager.default.removeItem(at: project) }
        let cold = try tool(["check", ".", "--format", "json"], in: project)
        XCTAssertEqual(cold.status, 2, cold.stderr)  // the file that does not parse
        XCTAssertEqual(try findings(cold).count, 20)
        try markCachedMessages(in: project)
        let warm = try tool(["check", ".", "--format", "json"], in: project)
        XCTAssertEqual(try findings(warm).filter { ($0["message"] as? String)?.hasPrefix("CACHED ") == true }.count, 20)
        // A file that does not parse is never cached: it is reported again, as it is now.
        XCTAssertEqual(warm.status, 2)
        XCTAssertTrue(warm.stderr.contains("broken.ts"), warm.stderr)
        XCTAssertEqual(try tool(["check", ".", "--format", "json", "--no-cache"], in: project).stdout, cold.stdout)
    }

    func testAChangedFileIsCheckedAgainAndTheOthersAreNot() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        _ = try tool(["check", "."], in: repo)
        try markCachedMessages(in: repo)
        let marked = try findings(try tool(["check", ".", "--format", "json"], in: repo))
        let paths = Set(marked.compactMap { $0["path"] as? String })
        XCTAssertGreaterThan(paths.count, 1)
        XCTAssertTrue(marked.allSatisfy { ($0["message"] as? String)?.hasPrefix("CACHED ") == true })
        let touched = try XCTUnwrap(paths.sorted().first)
        let handle = try FileHandle(forWritingTo: repo.appendingPathComponent(touched))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\n// touched\n".utf8))
        try handle.close()
        let after = try findings(try tool(["check", ".", "--format", "json"], in: repo))
        for finding in after {
            let cached = (finding["message"] as? String)?.hasPrefix("CACHED ") == true
            XCTAssertEqual(cached, finding["path"] as? String != touched, "\(finding)")
        }
    }

    func testRulesAndTheCentralModuleInvalidateEveryFile() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let allFresh = { (result: RunResult) throws -> Bool in
            try self.findings(result).allSatisfy { ($0["message"] as? String)?.hasPrefix("CACHED ") == false }
        }
        let allCached = { (result: RunResult) throws -> Bool in
            try self.findings(result).allSatisfy { ($0["message"] as? String)?.hasPrefix("CACHED ") == true }
        }
        let central = repo.appendingPathComponent("src/utils/prisma.ts")
        let centralText = try String(contentsOf: central, encoding: .utf8)

        // A comment in the central module changes nothing the other files' verdicts depend on.
        _ = try tool(["check", "."], in: repo)
        try markCachedMessages(in: repo)
        try Data((centralText + "\n// a comment\n").utf8).write(to: central)
        let commented = try tool(["check", ".", "--format", "json"], in: repo)
        XCTAssertTrue(try allCached(commented), commented.stdout)

        // A new export of the client does.
        try markCachedMessages(in: repo)
        try Data((centralText + "\nexport const db = prisma;\n").utf8).write(to: central)
        let exported = try tool(["check", ".", "--format", "json"], in: repo)
        XCTAssertFalse(try findings(exported).isEmpty)
        XCTAssertTrue(try allFresh(exported), exported.stdout)

        // So does the project's rules file, even a check's severity.
        try markCachedMessages(in: repo)
        try Data("checks:\n  - id: read-in-retry\n    severity: warning\n".utf8)
            .write(to: repo.appendingPathComponent("prisma-codemod.yaml"))
        let configured = try tool(["check", ".", "--format", "json"], in: repo)
        XCTAssertFalse(try findings(configured).isEmpty, configured.stderr)
        XCTAssertTrue(try allFresh(configured), configured.stdout)
    }

    func testAnotherBuildOfTheToolStartsAfresh() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        _ = try tool(["check", "."], in: repo)
        try markCachedMessages(in: repo)
        // The same tool, moved: still its cache.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prisma-codemod-build-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let moved = folder.appendingPathComponent("prisma-codemod")
        try FileManager.default.copyItem(at: toolURL, to: moved)
        let same = try runProcess(moved, ["check", ".", "--format", "json"], in: repo)
        XCTAssertTrue(try findings(same).allSatisfy { ($0["message"] as? String)?.hasPrefix("CACHED ") == true }, same.stdout)
        // Another build (one more byte): none of it.
        let handle = try FileHandle(forWritingTo: moved)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([0]))
        try handle.close()
        let other = try runProcess(moved, ["check", ".", "--format", "json"], in: repo)
        XCTAssertFalse(try findings(other).isEmpty)
        XCTAssertTrue(try findings(other).allSatisfy { ($0["message"] as? String)?.hasPrefix("CACHED ") == false }, other.stdout)
    }

    func testNoCacheReadsAndWritesNothing() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        _ = try tool(["check", ".", "--no-cache"], in: repo)
        _ = try tool(["inventory", ".", "--no-cache"], in: repo)
        XCTAssertFalse(FileManager.default.fileExists(atPath: repo.appendingPathComponent(".prisma-codemod").path))
        _ = try tool(["check", "."], in: repo)
        try markCachedMessages(in: repo)
        let before = try Data(contentsOf: cacheFile("check", in: repo))
        let uncached = try tool(["check", ".", "--format", "json", "--no-cache"], in: repo)
        XCTAssertTrue(try findings(uncached).allSatisfy { ($0["message"] as? String)?.hasPrefix("CACHED ") == false })
        XCTAssertEqual(try Data(contentsOf: cacheFile("check", in: repo)), before)
    }

    func testADamagedCacheIsIgnoredAndRewritten() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let cold = try tool(["check", ".", "--format", "json"], in: repo)
        let inventory = try tool(["inventory", ".", "--format", "json"], in: repo)
        for (command, damage) in [("check", Data("{\"format\":1,\"key\":".utf8)), ("inventory", Data([0xFF, 0x00, 0x7B]))] {
            try damage.write(to: cacheFile(command, in: repo))
        }
        let check = try tool(["check", ".", "--format", "json"], in: repo)
        XCTAssertEqual(check.stdout, cold.stdout)
        XCTAssertEqual(check.status, cold.status)
        XCTAssertEqual(try tool(["inventory", ".", "--format", "json"], in: repo).stdout, inventory.stdout)
        for command in ["check", "inventory"] {
            let rewritten = try Data(contentsOf: cacheFile(command, in: repo))
            XCTAssertNotNil(try? JSONSerialization.jsonObject(with: rewritten), command)
        }
        // One damaged entry among good ones: the file is checked again.
        let url = cacheFile("check", in: repo)
        let text = try String(contentsOf: url, encoding: .utf8)
        try Data(text.replacingOccurrences(of: #""violations":{"#, with: #""violations":{"x":7,"#).utf8).write(to: url)
        XCTAssertEqual(try tool(["check", ".", "--format", "json"], in: repo).stdout, cold.stdout)
    }
}

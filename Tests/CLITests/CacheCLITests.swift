import Foundation
import XCTest

/// The results cache of `check` and `inventory` (`.prisma-codemod/cache`): a warm run says
/// exactly what a cold one says, and whatever a file's result depends on invalidates it.
/// Tests see which results came from the cache by running with `PRISMA_CODEMOD_TEST_MARK_CACHED=1`,
/// which marks each message restored from it.
final class CacheCLITests: XCTestCase {
    private func cacheFile(_ command: String, in repo: URL) -> URL {
        repo.appendingPathComponent(".prisma-codemod/cache/\(command).bin")
    }

    private let marking = ["PRISMA_CODEMOD_TEST_MARK_CACHED": "1"]

    private func isCached(_ finding: [String: Any]) -> Bool {
        (finding["message"] as? String)?.hasPrefix("CACHED ") == true
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
                     "src/broken.ts": "export const x = (;\n// prisma\n"]
        for index in 0..<20 {
            files["src/m\(index).ts"] = "import { prisma, executeWithRetry } from './db';\n"
                + "export const load\(index) = () => executeWithRetry(() => prisma.user.findMany());\n"
        }
        let project = try temporaryProject(files)
        defer { try? FileManager.default.removeItem(at: project) }
        let cold = try tool(["check", ".", "--format", "json"], in: project)
        XCTAssertEqual(cold.status, 2, cold.stderr)  // the file that does not parse
        XCTAssertEqual(try findings(cold).count, 20)
        let warm = try tool(["check", ".", "--format", "json"], in: project, environment: marking)
        XCTAssertEqual(try findings(warm).filter(isCached).count, 20)
        // A file that does not parse is never cached: it is reported again, as it is now.
        XCTAssertEqual(warm.status, 2)
        XCTAssertTrue(warm.stderr.contains("broken.ts"), warm.stderr)
        XCTAssertEqual(try tool(["check", ".", "--format", "json", "--no-cache"], in: project).stdout, cold.stdout)
    }

    func testAChangedFileIsCheckedAgainAndTheOthersAreNot() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        _ = try tool(["check", "."], in: repo)
        let marked = try findings(try tool(["check", ".", "--format", "json"], in: repo, environment: marking))
        let paths = Set(marked.compactMap { $0["path"] as? String })
        XCTAssertGreaterThan(paths.count, 1)
        XCTAssertTrue(marked.allSatisfy(isCached))
        let touched = try XCTUnwrap(paths.sorted().first)
        let handle = try FileHandle(forWritingTo: repo.appendingPathComponent(touched))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\n// touched\n".utf8))
        try handle.close()
        let after = try findings(try tool(["check", ".", "--format", "json"], in: repo, environment: marking))
        for finding in after {
            XCTAssertEqual(isCached(finding), finding["path"] as? String != touched, "\(finding)")
        }
    }

    func testRulesAndTheCentralModuleInvalidateEveryFile() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let allFresh = { (result: RunResult) throws -> Bool in try self.findings(result).allSatisfy { !self.isCached($0) } }
        let allCached = { (result: RunResult) throws -> Bool in try self.findings(result).allSatisfy(self.isCached) }
        let central = repo.appendingPathComponent("src/utils/prisma.ts")
        let centralText = try String(contentsOf: central, encoding: .utf8)

        // A comment in the central module changes nothing the other files' verdicts depend on.
        _ = try tool(["check", "."], in: repo)
        try Data((centralText + "\n// a comment\n").utf8).write(to: central)
        let commented = try tool(["check", ".", "--format", "json"], in: repo, environment: marking)
        XCTAssertTrue(try allCached(commented), commented.stdout)

        // A new export of the client does.
        try Data((centralText + "\nexport const db = prisma;\n").utf8).write(to: central)
        let exported = try tool(["check", ".", "--format", "json"], in: repo, environment: marking)
        XCTAssertFalse(try findings(exported).isEmpty)
        XCTAssertTrue(try allFresh(exported), exported.stdout)

        // So does the project's rules file, even a check's severity.
        try Data("checks:\n  - id: read-in-retry\n    severity: warning\n".utf8)
            .write(to: repo.appendingPathComponent("prisma-codemod.yaml"))
        let configured = try tool(["check", ".", "--format", "json"], in: repo, environment: marking)
        XCTAssertFalse(try findings(configured).isEmpty, configured.stderr)
        XCTAssertTrue(try allFresh(configured), configured.stdout)
    }

    func testAnotherBuildOfTheToolStartsAfresh() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        _ = try tool(["check", "."], in: repo)
        // The same tool, moved: still its cache.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prisma-codemod-build-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let moved = folder.appendingPathComponent("prisma-codemod")
        try FileManager.default.copyItem(at: toolURL, to: moved)
        let same = try runProcess(moved, ["check", ".", "--format", "json"], in: repo, environment: marking)
        XCTAssertTrue(try findings(same).allSatisfy(isCached), same.stdout)
        // Another build (one more byte): none of it.
        let handle = try FileHandle(forWritingTo: moved)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([0]))
        try handle.close()
        let other = try runProcess(moved, ["check", ".", "--format", "json"], in: repo, environment: marking)
        XCTAssertFalse(try findings(other).isEmpty)
        XCTAssertTrue(try findings(other).allSatisfy { !isCached($0) }, other.stdout)
    }

    func testNoCacheReadsAndWritesNothing() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        _ = try tool(["check", ".", "--no-cache"], in: repo)
        _ = try tool(["inventory", ".", "--no-cache"], in: repo)
        XCTAssertFalse(FileManager.default.fileExists(atPath: repo.appendingPathComponent(".prisma-codemod").path))
        _ = try tool(["check", "."], in: repo)
        let before = try Data(contentsOf: cacheFile("check", in: repo))
        let uncached = try tool(["check", ".", "--format", "json", "--no-cache"], in: repo, environment: marking)
        XCTAssertTrue(try findings(uncached).allSatisfy { !isCached($0) })
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
            XCTAssertTrue(rewritten.starts(with: Data("prisma-codemod cache\n".utf8)), command)
        }
        // One damaged byte in an entry: the cache is not trusted, every file is checked again
        // (the whole run's result is taken away, or it would be used: the files are the same).
        try FileManager.default.removeItem(at: cacheFile("check-run", in: repo))
        let url = cacheFile("check", in: repo)
        var bytes = [UInt8](try Data(contentsOf: url))
        bytes[bytes.count / 2] ^= 0x01
        try Data(bytes).write(to: url)
        let damaged = try tool(["check", ".", "--format", "json"], in: repo, environment: marking)
        XCTAssertEqual(damaged.stdout, cold.stdout)
        // The same for the whole run's result: damaged, it is not used.
        try FileManager.default.removeItem(at: url)
        let whole = cacheFile("check-run", in: repo)
        var wholeBytes = [UInt8](try Data(contentsOf: whole))
        wholeBytes[wholeBytes.count / 2] ^= 0x01
        try Data(wholeBytes).write(to: whole)
        XCTAssertEqual(try tool(["check", ".", "--format", "json"], in: repo, environment: marking).stdout, cold.stdout)
    }

    /// An unchanged tree's settled report is kept whole (`check-run.bin`), keyed by every
    /// file's path and bytes, the rules and the project context: it is used even without the
    /// per-file results (which a marked run would otherwise show as checked afresh), and any
    /// change of a file's bytes or path, of the file set or of the rules stops it being used.
    func testAnUnchangedTreeReusesTheWholeRunAndAnyChangeStopsIt() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let cold = try tool(["check", ".", "--format", "json"], in: repo)
        let whole = cacheFile("check-run", in: repo)
        XCTAssertTrue(FileManager.default.fileExists(atPath: whole.path))
        let allCached = { (result: RunResult) throws -> Bool in try self.findings(result).allSatisfy(self.isCached) }
        let noneCached = { (result: RunResult) throws -> Bool in try self.findings(result).allSatisfy { !self.isCached($0) } }
        let perFile = cacheFile("check", in: repo)

        // Without the per-file results, only the whole run can give every finding from the cache.
        try FileManager.default.removeItem(at: perFile)
        let reused = try tool(["check", ".", "--format", "json"], in: repo, environment: marking)
        XCTAssertTrue(try allCached(reused), reused.stdout)
        XCTAssertEqual(reused.stdout.replacingOccurrences(of: "CACHED ", with: ""), cold.stdout)

        // A file moved with the same bytes: a new path, so nothing is reused.
        let findings = try self.findings(cold)
        let moved = try XCTUnwrap(findings.first?["path"] as? String)
        try FileManager.default.removeItem(at: perFile)
        try FileManager.default.moveItem(at: repo.appendingPathComponent(moved), to: repo.appendingPathComponent(moved + ".moved.ts"))
        let afterMove = try tool(["check", ".", "--format", "json"], in: repo, environment: marking)
        XCTAssertTrue(try noneCached(afterMove), afterMove.stdout)
        XCTAssertTrue(afterMove.stdout.contains(moved + ".moved.ts"), afterMove.stdout)
        try FileManager.default.moveItem(at: repo.appendingPathComponent(moved + ".moved.ts"), to: repo.appendingPathComponent(moved))

        // Back as it was: reused again after one run; then one more file, and a changed severity, stop it.
        _ = try tool(["check", "."], in: repo)
        try FileManager.default.removeItem(at: perFile)
        XCTAssertTrue(try allCached(try tool(["check", ".", "--format", "json"], in: repo, environment: marking)))
        try FileManager.default.removeItem(at: perFile)
        try Data("export const unrelated = 1;\n".utf8).write(to: repo.appendingPathComponent("src/extra.ts"))
        XCTAssertTrue(try noneCached(try tool(["check", ".", "--format", "json"], in: repo, environment: marking)))
        try FileManager.default.removeItem(at: perFile)
        let warned = try tool(["check", ".", "--format", "json", "--warn", "read-in-retry"], in: repo, environment: marking)
        XCTAssertTrue(try noneCached(warned), warned.stdout)
        XCTAssertTrue(try self.findings(warned).contains { $0["severity"] as? String == "warning" }, warned.stdout)
    }

    /// The file's modification time, nanoseconds since 1970.
    private func modified(_ url: URL) throws -> timespec {
        var info = stat()
        XCTAssertEqual(stat(url.path, &info), 0, url.path)
        return info.st_mtim
    }

    private func setModified(_ url: URL, _ time: timespec) {
        let times = [time, time]
        XCTAssertEqual(utimensat(AT_FDCWD, url.path, times, 0), 0, url.path)
    }

    /// The stat fast path trusts an entry unread only while the file's size, times and inode
    /// are those it was stored with: an edit that keeps the size and puts the mtime back, a
    /// file replaced by a rename and a deleted file brought back are all checked again; a
    /// touched file with the same bytes keeps its result.
    func testTheStatFastPathNeverTrustsAStaleEntry() throws {
        var files = ["package.json": #"{ "dependencies": { "@prisma/client": "^5.22.0" } }"#,
                     "src/db.ts": "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n"
                         + "export const executeWithRetry = async <T>(operation: () => Promise<T>) => operation();\n"]
        let source = { (model: String) in
            "import { prisma, executeWithRetry } from './db';\nexport const load = () => executeWithRetry(() => prisma.\(model).findMany());\n"
        }
        for index in 0..<5 { files["src/m\(index).ts"] = source("user") }
        let project = try temporaryProject(files)
        defer { try? FileManager.default.removeItem(at: project) }
        // Files last changed an hour ago: well outside the racy window, so their stamps vouch for them.
        let past = timespec(tv_sec: time(nil) - 3600, tv_nsec: 123_456_789)
        for name in files.keys { setModified(project.appendingPathComponent(name), past) }
        // Setting a time changes the ctime: wait out the racy window, so that the entries the
        // cold run stores vouch for their files and only the fast path's own checks stand guard.
        Thread.sleep(forTimeInterval: 2.2)
        let url = { (index: Int) in project.appendingPathComponent("src/m\(index).ts") }
        let check = { () throws -> [String: [String: Any]] in
            let found = try self.findings(try tool(["check", ".", "--format", "json"], in: project, environment: self.marking))
            return Dictionary(found.map { ($0["path"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        }
        let cold = try tool(["check", ".", "--format", "json"], in: project)
        XCTAssertEqual(try findings(cold).count, 5, cold.stderr)
        XCTAssertTrue(try check().values.allSatisfy(isCached))

        // Same size, mtime put back: ctime still moved.
        let edited = try modified(url(0))
        try Data(source("post").utf8).write(to: url(0))
        setModified(url(0), edited)
        // Touched, bytes unchanged.
        setModified(url(1), timespec(tv_sec: time(nil) - 1800, tv_nsec: 0))
        // Replaced by a rename with the same size and mtime.
        let replacement = project.appendingPathComponent("src/m2.ts.new")
        try Data(source("post").utf8).write(to: replacement)
        setModified(replacement, try modified(url(2)))
        XCTAssertEqual(rename(replacement.path, url(2).path), 0)
        // Deleted.
        try FileManager.default.removeItem(at: url(3))

        var found = try check()
        XCTAssertEqual(Set(found.keys), ["src/m0.ts", "src/m1.ts", "src/m2.ts", "src/m4.ts"])
        for path in ["src/m0.ts", "src/m2.ts"] {
            let message = try XCTUnwrap(found[path]?["message"] as? String)
            XCTAssertFalse(isCached(found[path] ?? [:]), path)
            XCTAssertTrue(message.contains("prisma.post.findMany"), message)
        }
        XCTAssertTrue(isCached(found["src/m1.ts"] ?? [:]))
        XCTAssertTrue(isCached(found["src/m4.ts"] ?? [:]))

        // The deleted file back, other bytes of the same size, and the mtime it had.
        try Data(source("post").utf8).write(to: url(3))
        setModified(url(3), past)
        found = try check()
        XCTAssertFalse(isCached(found["src/m3.ts"] ?? [:]))
        XCTAssertTrue((found["src/m3.ts"]?["message"] as? String)?.contains("prisma.post.findMany") == true)
        // Now everything is known again.
        XCTAssertTrue(try check().values.allSatisfy(isCached))
    }

    /// The report's shape, to encode it again the way `JSONOutput` does.
    private struct Report: Codable {
        struct Position: Codable { var line: Int; var column: Int }
        struct Finding: Codable {
            var rule, severity, path, message, code: String
            var line, column, endLine, endColumn: Int
            var wrapper: Position?
        }
        struct Failure: Codable { var path: String?; var line: Int?; var column: Int?; var message: String }
        struct Summary: Codable { var errors, warnings, baselined, failedFiles, unchecked: Int }
        struct Site: Codable { var path: String; var line: Int; var column: Int; var reason: String }
        var version: Int
        var findings: [Finding]
        var failed: [Failure]
        var summary: Summary
        var unchecked: [Site]
    }

    /// `check --format json` writes its findings itself (a warm run on a large project spent
    /// most of its time in the encoder): the bytes are the encoder's, escapes included.
    func testTheJSONReportIsTheEncodersByteForByte() throws {
        var files = ["package.json": #"{ "dependencies": { "@prisma/client": "^5.22.0" } }"#,
                     "src/db.ts": "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n"
                         + "export const executeWithRetry = async <T>(operation: () => Promise<T>) => operation();\n"]
        files["src/a/ü weird \"name\".ts"] = "import { prisma, executeWithRetry } from '../db';\n"
            + "export const a = () => executeWithRetry(() => prisma.user.findMany({ where: { name: \"q\\\\\\\"x/y\\t\u{1}é😀\" } }));\n"
            + "export const b = () => executeWithRetry(() =>\n  prisma.user.findFirst({ where: { id: '\\u2028' } }));\n"
        let project = try temporaryProject(files)
        defer { try? FileManager.default.removeItem(at: project) }
        let run = try tool(["check", ".", "--format", "json", "--no-cache"], in: project)
        XCTAssertEqual(run.status, 1, run.stderr)
        let report = try JSONDecoder().decode(Report.self, from: Data(run.stdout.utf8))
        XCTAssertEqual(report.findings.count, 2, run.stdout)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        XCTAssertEqual(run.stdout, String(decoding: try encoder.encode(report), as: UTF8.self) + "\n")
        XCTAssertTrue(run.stdout.contains(#"\\\""#), run.stdout)
    }
}

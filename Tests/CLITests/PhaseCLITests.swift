import Foundation
import XCTest

/// Issue 5: the seed's phases as commits, the journal, rollback and revert, crashes and locks.
final class PhaseCLITests: XCTestCase {
    private let gitIdentity = ["GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
                               "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com"]

    private func codemod(_ arguments: [String], in repo: URL, input: String? = nil, environment: [String: String] = [:]) throws -> RunResult {
        try tool(arguments, in: repo, input: input, environment: gitIdentity.merging(environment) { _, new in new })
    }

    private func runs(in repo: URL) throws -> [String] {
        try codemod(["history"], in: repo).stdout.split(separator: "\n").map(String.init)
    }

    func testTheSeedsWholeSequence() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let start = try snapshot(repo)

        let plan = try codemod(["plan"], in: repo)
        XCTAssertEqual(plan.status, 0, plan.stderr)
        XCTAssertTrue(plan.stdout.contains("unwrap-reads: 7 file(s), 9 site(s) would change"))
        XCTAssertTrue(plan.stdout.contains("localize-client: 72 file(s), 72 site(s) would change"))
        XCTAssertTrue(plan.stdout.contains("wrap-writes --only notification.create: 1 file(s), 3 site(s) would change"))
        XCTAssertTrue(plan.stdout.contains("Phase 4: Restore background loading in the frontend\n"))
        XCTAssertTrue(plan.stdout.contains("after phase 2 (one client per file): 73 client instance(s) × 100 connections"))
        XCTAssertTrue(plan.stdout.contains("  connection budget after phase 2: 73 client instance(s) × 100 connections (connection_limit in .env "
                                           + "DATABASE_URL) = 7300 at worst; max_connections 100 — exceeds it by 7200 (apply --phase 2 refuses this "
                                           + "without --accept-budget)\n"), plan.stdout)
        XCTAssertFalse(plan.stdout.contains("\u{1B}["), "no colour off a terminal")

        // Three phases, three commits, each exactly the phase's diff.
        for phase in 1...3 {
            let diff = try codemod(["diff", "--phase", "\(phase)"], in: repo)
            if phase == 2 {
                // The safety rail: 73 clients × 100 connections is over max_connections 100, as plan said.
                let refused = try codemod(["apply", "--phase", "2", "--commit"], in: repo)
                XCTAssertEqual(refused.status, 2, refused.stderr)
                XCTAssertTrue(refused.stderr.contains("phase 2 would take the connection budget to 7300, over max_connections 100: "), refused.stderr)
                XCTAssertTrue(refused.stderr.contains("Nothing was written") && refused.stderr.contains("--accept-budget"), refused.stderr)
                XCTAssertEqual(try git(["status", "--porcelain"], in: repo).stdout, "")
            }
            let apply = try codemod(["apply", "--phase", "\(phase)", "--commit"] + (phase == 2 ? ["--accept-budget"] : []), in: repo)
            XCTAssertEqual(apply.status, 0, apply.stderr)
            if phase == 2 {
                // The seed's shape (bareClient in phases.yaml), and each file says what it leaves out.
                XCTAssertTrue(diff.stdout.contains("-import { prisma } from '../utils/prisma';\n+import { PrismaClient } from '@prisma/client';\n+const prisma = new PrismaClient();\n"),
                              diff.stdout)
                XCTAssertFalse(diff.stdout.contains("new PrismaClient({"), "no file repeats the central log option")
                XCTAssertEqual(diff.stderr.components(separatedBy: ": a bare new PrismaClient(), as the phase says (bareClient); "
                                                      + "the central client's options").count - 1, 72, diff.stderr)
            }
            // The commit is exactly the phase's diff: taking the diff back off HEAD gives the parent.
            try git(["apply", "-R", "-"], in: repo, input: diff.stdout)
            try git(["diff", "--quiet", "HEAD~1"], in: repo)
            try git(["checkout", "--", "."], in: repo)
            XCTAssertEqual(try git(["diff", "--name-only", "HEAD~1", "HEAD"], in: repo).stdout.split(separator: "\n").count,
                           diff.stdout.components(separatedBy: "diff --git ").count - 1)
            let message = try git(["log", "-1", "--format=%B"], in: repo).stdout
            XCTAssertTrue(message.contains("Codemod-Phase: \(phase)\n"), message)
            XCTAssertTrue(message.contains("Codemod-Run: "))
            XCTAssertTrue(message.contains("Codemod-Version: prisma-codemod "))
        }
        XCTAssertTrue(try git(["log", "-1", "--format=%B", "HEAD~2"], in: repo).stdout
            .hasPrefix("perf(db): phase 1 - remove executeWithRetry from reads\n\nRemove executeWithRetry from read operations: unwrap-reads changed 9 site(s) in 7 file(s).\n"))
        XCTAssertEqual(try runs(in: repo).count, 3)
        XCTAssertEqual(try git(["status", "--porcelain"], in: repo).stdout, "", "the journal stays out of git status")

        // A hand edit; rollback refuses that file, and restores another.
        let edited = repo.appendingPathComponent("src/controllers/roleController.ts")
        let editedStart = try XCTUnwrap(start["src/controllers/roleController.ts"])
        try (try Data(contentsOf: edited) + Data("// measured: p95 120 ms\n".utf8)).write(to: edited)
        let refused = try codemod(["rollback", "src/controllers/roleController.ts"], in: repo)
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("refused src/controllers/roleController.ts: it changed since run"), refused.stderr)
        let rolledBack = try codemod(["rollback", "src/controllers/tourController.ts"], in: repo)
        XCTAssertEqual(rolledBack.status, 0, rolledBack.stderr)
        XCTAssertEqual(try Data(contentsOf: repo.appendingPathComponent("src/controllers/tourController.ts")),
                       start["src/controllers/tourController.ts"], "phase 2 was the only run that touched it")
        try git(["commit", "-qam", "measurements"], in: repo)

        // Revert phase 2, then 3 and 1: back to the start, the hand edit kept.
        let revert2 = try codemod(["revert", "--phase", "2", "--commit"], in: repo)
        XCTAssertEqual(revert2.status, 0, revert2.stderr)
        XCTAssertTrue(revert2.stderr.contains("left src/controllers/tourController.ts:"), "its site is gone: reported and left")
        XCTAssertTrue(revert2.stderr.contains("centralize-client: 71 file(s) reverted"), revert2.stderr)
        for phase in [3, 1] {
            let revert = try codemod(["revert", "--phase", "\(phase)", "--commit"], in: repo)
            XCTAssertEqual(revert.status, 0, revert.stderr)
        }
        var end = try snapshot(repo)
        XCTAssertEqual(end.removeValue(forKey: "src/controllers/roleController.ts"), editedStart + Data("// measured: p95 120 ms\n".utf8))
        var expected = start
        expected.removeValue(forKey: "src/controllers/roleController.ts")
        XCTAssertEqual(end, expected, "every other file is byte-identical to the start")
        XCTAssertEqual(try git(["log", "--format=%s"], in: repo).stdout.split(separator: "\n").count, 8)
        XCTAssertEqual(try codemod(["revert", "--phase", "1"], in: repo).status, 2, "nothing left to revert")
    }

    func testRollbackOfARollbackAndOfAWholeRun() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let start = try snapshot(repo)
        XCTAssertEqual(try codemod(["apply", "unwrap-reads"], in: repo).status, 0)
        let afterApply = try snapshot(repo)
        XCTAssertEqual(try codemod(["rollback", "src/services/userCache.ts"], in: repo).status, 0)
        XCTAssertEqual(try snapshot(repo)["src/services/userCache.ts"], start["src/services/userCache.ts"])
        XCTAssertEqual(try codemod(["rollback", "src/services/userCache.ts"], in: repo).status, 0, "the rollback itself is journaled")
        XCTAssertEqual(try snapshot(repo), afterApply)

        let first = try XCTUnwrap(try runs(in: repo).first?.split(separator: " ").first.map(String.init))
        // userCache.ts was rolled back and forth but holds the run's output again; all 7 files go back.
        let whole = try codemod(["rollback", "--run", first], in: repo)
        XCTAssertEqual(whole.status, 0, whole.stderr)
        XCTAssertEqual(try snapshot(repo), start)
        XCTAssertEqual(try codemod(["rollback"], in: repo).status, 2, "FILE... or --run is required")
    }

    /// A crash after k of n files: each file is old or new, never mixed, and `rollback --run` restores all.
    func testCrashAtEveryPointLeavesWholeFilesAndRollbackRestoresThem() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let start = try snapshot(repo)
        let diff = try codemod(["diff", "unwrap-reads"], in: repo)
        try git(["apply", "-"], in: repo, input: diff.stdout)
        let done = try snapshot(repo)
        try git(["checkout", "--", "."], in: repo)
        let changed = done.keys.filter { done[$0] != start[$0] }
        XCTAssertEqual(changed.count, 7)

        for k in 0...changed.count {
            let crash = try codemod(["apply", "unwrap-reads"], in: repo, environment: ["PRISMA_CODEMOD_TEST_CRASH_AFTER": "\(k)"])
            XCTAssertEqual(crash.status, 99, "k = \(k): \(crash.stderr)")
            let now = try snapshot(repo).filter { !$0.key.contains(".prisma-codemod-") }
            var replaced = 0
            for path in changed {
                XCTAssertTrue(now[path] == start[path] || now[path] == done[path], "k = \(k): \(path) is neither old nor new")
                if now[path] == done[path] { replaced += 1 }
            }
            XCTAssertEqual(replaced, k)
            let interrupted = try XCTUnwrap(try runs(in: repo).last)
            XCTAssertTrue(interrupted.hasSuffix("started"), interrupted)
            let id = String(interrupted.prefix { $0 != " " })
            let refused = try codemod(["apply", "localize-client"], in: repo)
            XCTAssertEqual(refused.status, 2, "nothing more is written over a half-applied run")
            XCTAssertTrue(refused.stderr.contains("run \(id) was interrupted part-way (\(k) of 7 file(s) replaced); restore its files with `prisma-codemod rollback --run \(id)`"),
                          refused.stderr)
            let rollback = try codemod(["rollback", "--run", id], in: repo)
            XCTAssertEqual(rollback.status, 0, "k = \(k): \(rollback.stderr)")
            XCTAssertEqual(try snapshot(repo), start, "k = \(k): rollback restores every file, temporaries gone")
        }
    }

    func testAFailureAfterSomeFilesRestoresTheOthers() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let start = try snapshot(repo)
        for k in [0, 3, 6] {
            let failed = try codemod(["apply", "unwrap-reads"], in: repo, environment: ["PRISMA_CODEMOD_TEST_FAIL_AFTER": "\(k)"])
            XCTAssertEqual(failed.status, 2)
            XCTAssertTrue(failed.stderr.contains("injected failure"), failed.stderr)
            XCTAssertEqual(try snapshot(repo), start, "k = \(k): nothing half-written")
            XCTAssertTrue(try XCTUnwrap(try runs(in: repo).last).hasSuffix("restored"))
        }
    }

    func testASecondConcurrentApplyRefuses() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let process = Process()
        process.executableURL = toolURL
        process.arguments = ["apply", "unwrap-reads"]
        process.currentDirectoryURL = repo
        process.environment = ProcessInfo.processInfo.environment.merging(["PRISMA_CODEMOD_TEST_HOLD_LOCK": "6"]) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // One lock per work tree, under .git, whatever the journal folder: it names its holder while held.
        let lock = repo.appendingPathComponent(".git/prisma-codemod.lock")
        let holder = { (try? String(contentsOf: lock, encoding: .utf8)) ?? "" }
        let deadline = Date().addingTimeInterval(20)
        while holder().isEmpty && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let second = try codemod(["apply", "unwrap-reads", "--journal", "elsewhere"], in: repo)
        XCTAssertEqual(second.status, 2)
        XCTAssertTrue(second.stderr.contains("another prisma-codemod run (pid \(process.processIdentifier)) is writing in this work tree"), second.stderr)
        XCTAssertEqual(holder(), "\(process.processIdentifier)\n", "a refused run leaves the holder's lock alone")
        XCTAssertEqual(try codemod(["rollback", "src/services/userCache.ts"], in: repo).status, 2, "so a third run is refused too")
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertEqual(holder(), "", "the lock goes with its run")
    }

    func testCommitNeedsARepositoryAndACleanTarget() throws {
        let plain = FileManager.default.temporaryDirectory.appendingPathComponent("prisma-codemod-nogit-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: backendFixture, to: plain)
        defer { try? FileManager.default.removeItem(at: plain) }
        let before = try snapshot(plain)
        let notGit = try codemod(["apply", "--phase", "1", "--commit"], in: plain)
        XCTAssertEqual(notGit.status, 2)
        XCTAssertTrue(notGit.stderr.contains("is not inside a git repository; --commit needs one (nothing was written)"), notGit.stderr)
        XCTAssertEqual(try snapshot(plain), before)

        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let file = repo.appendingPathComponent("src/services/userCache.ts")
        try (try Data(contentsOf: file) + Data("// wip\n".utf8)).write(to: file)
        let dirty = try codemod(["apply", "--phase", "1", "--commit"], in: repo)
        XCTAssertEqual(dirty.status, 2)
        XCTAssertTrue(dirty.stderr.contains("uncommitted changes in files this would change: src/services/userCache.ts"), dirty.stderr)
        XCTAssertEqual(try git(["status", "--porcelain"], in: repo).stdout, " M src/services/userCache.ts\n")
        let allowed = try codemod(["apply", "--phase", "1", "--commit", "--allow-dirty"], in: repo)
        XCTAssertEqual(allowed.status, 0, allowed.stderr)
        XCTAssertEqual(try git(["show", "--format=", "--name-only", "HEAD"], in: repo).stdout.split(separator: "\n").count, 7)
    }

    func testTargetInASubfolderOfTheRepository() throws {
        let repo = FileManager.default.temporaryDirectory.appendingPathComponent("prisma-codemod-mono-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: repo) }
        try FileManager.default.copyItem(at: backendFixture, to: repo.appendingPathComponent("backend"))
        try git(["init", "-q"], in: repo)
        try git(["add", "-A"], in: repo)
        try git(["commit", "-qm", "start"], in: repo)
        let apply = try codemod(["apply", "--phase", "3", "--commit", "backend"], in: repo)
        XCTAssertEqual(apply.status, 0, apply.stderr)
        XCTAssertEqual(try git(["show", "--format=", "--name-only", "HEAD"], in: repo).stdout, "backend/src/controllers/notificationController.ts\n")
        XCTAssertTrue(apply.stdout.hasPrefix("backend/src/controllers/notificationController.ts:"), "paths as the user sees them: \(apply.stdout)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: repo.appendingPathComponent("backend/.prisma-codemod/runs").path))
        // The note on the phase commit names the sites by key, root-relative like the journal.
        let note = try git(["notes", "--ref", "prisma-codemod", "show", "HEAD"], in: repo).stdout
        XCTAssertTrue(note.contains("\"path\" : \"src/controllers/notificationController.ts\""), note)
        let revert = try codemod(["revert", "--phase", "3", "--commit", "backend"], in: repo)
        XCTAssertEqual(revert.status, 0, revert.stderr)
        XCTAssertEqual(try git(["diff", "HEAD~2", "--stat"], in: repo).stdout, "")
    }

    func testSavedPlansApplyExactlyOrNotAtAll() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let plan = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: plan) }
        let diff = try codemod(["diff", "--phase", "1", "--save-plan", plan.path], in: repo)
        XCTAssertEqual(diff.status, 0, diff.stderr)

        // One target changes: the plan aborts before writing anything.
        let start = try snapshot(repo)
        let file = repo.appendingPathComponent("src/services/worktimeCache.ts")
        let original = try Data(contentsOf: file)
        try (original + Data("\n".utf8)).write(to: file)
        let stale = try codemod(["apply", "--plan", plan.path], in: repo)
        XCTAssertEqual(stale.status, 2)
        XCTAssertTrue(stale.stderr.contains("changed since the plan was made: src/services/worktimeCache.ts; nothing was written"), stale.stderr)
        try original.write(to: file)
        XCTAssertEqual(try snapshot(repo), start)

        // A hand-edited plan is refused, even with matching hashes: the transform does not make its edits.
        var damaged = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: plan)) as? [String: Any])
        var files = try XCTUnwrap(damaged["files"] as? [[String: Any]])
        var edits = try XCTUnwrap(files[0]["edits"] as? [[String: Any]])
        edits[0]["text"] = "){{{ broken"
        files[0]["edits"] = edits
        let target = try Data(contentsOf: repo.appendingPathComponent(try XCTUnwrap(files[0]["path"] as? String)))
        let start0 = try XCTUnwrap(edits[0]["start"] as? Int), end0 = try XCTUnwrap(edits[0]["end"] as? Int)
        var broken = [UInt8](target)
        var shift = 0
        for edit in edits.sorted(by: { ($0["start"] as? Int ?? 0) < ($1["start"] as? Int ?? 0) }) {
            let start = (edit["start"] as? Int ?? 0) + shift, end = (edit["end"] as? Int ?? 0) + shift
            let text = Array((edit["text"] as? String ?? "").utf8)
            broken.replaceSubrange(start..<end, with: text)
            shift += text.count - (end - start)
        }
        _ = (start0, end0)
        files[0]["after"] = sha256(broken)
        damaged["files"] = files
        let damagedURL = plan.deletingLastPathComponent().appendingPathComponent("damaged-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: damagedURL) }
        try JSONSerialization.data(withJSONObject: damaged).write(to: damagedURL)
        let refused = try codemod(["apply", "--plan", damagedURL.path], in: repo)
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("are not what unwrap-reads makes of the file now"), refused.stderr)
        XCTAssertEqual(try snapshot(repo), start)

        let applied = try codemod(["apply", "--plan", plan.path, "--commit"], in: repo)
        XCTAssertEqual(applied.status, 0, applied.stderr)
        XCTAssertEqual(applied.stdout.split(separator: "\n").count, 9)
        let expected = try tool(["diff", "unwrap-reads", "."], in: repo)
        XCTAssertEqual(expected.stdout, "", "exactly what the phase would have written")
        let message = try git(["log", "-1", "--format=%B"], in: repo).stdout
        XCTAssertTrue(message.hasPrefix("perf(db): phase 1 - remove executeWithRetry from reads\n"), message)
        XCTAssertTrue(message.contains("Codemod-Phase: 1\n"))
        XCTAssertEqual(try git(["status", "--porcelain"], in: repo).stdout, "")
    }

    private func sha256(_ bytes: [UInt8]) -> String {
        let result = try? runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["sha256sum"], in: repositoryRoot,
                                     input: String(decoding: bytes, as: UTF8.self))
        return String(result?.stdout.prefix(64) ?? "")
    }

    func testRevertFindsTheSiteThatMovedAmongIdenticalLines() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let dupe = repo.appendingPathComponent("src/services/dupe.ts")
        let body = { (name: String, wrapped: Bool) -> String in
            wrapped
                ? "export async function \(name)(id: number) {\n  const user = await executeWithRetry(() => prisma.user.findUnique({ where: { id } }));\n  return user;\n}\n"
                : "export async function \(name)(id: number) {\n  const user = await prisma.user.findUnique({ where: { id } });\n  return user;\n}\n"
        }
        let original = "import { prisma, executeWithRetry } from '../utils/prisma';\n\n" + body("a", false) + "\n" + body("b", true) + "\n" + body("c", false)
        try Data(original.utf8).write(to: dupe)
        try git(["add", "-A"], in: repo)
        try git(["commit", "-qm", "dupe"], in: repo)
        XCTAssertEqual(try codemod(["apply", "--phase", "1", "--commit"], in: repo).status, 0)
        // Five lines above move b's site onto a's old line number.
        let applied = try String(contentsOf: dupe, encoding: .utf8)
        try Data(("// 1\n// 2\n// 3\n// 4\n// 5\n" + applied).utf8).write(to: dupe)
        let revert = try codemod(["revert", "--phase", "1"], in: repo)
        XCTAssertEqual(revert.status, 0, revert.stderr)
        XCTAssertEqual(try String(contentsOf: dupe, encoding: .utf8), "// 1\n// 2\n// 3\n// 4\n// 5\n" + original, "b is wrapped again, not a")
    }

    func testRevertOfPhase2AfterPhase1AndInterruptedRollbacks() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let start = try snapshot(repo)
        for phase in [2, 1] {
            XCTAssertEqual(try codemod(["apply", "--phase", "\(phase)", "--commit", "--max-connections", "7300"], in: repo).status, 0)
        }
        let revert = try codemod(["revert", "--phase", "2"], in: repo)
        XCTAssertEqual(revert.status, 0, revert.stderr)
        XCTAssertTrue(revert.stderr.contains("centralize-client: 72 file(s) reverted"), "phase 1's edits do not hide phase 2's files: \(revert.stderr)")
        XCTAssertEqual(try codemod(["revert", "--phase", "1"], in: repo).status, 0)
        XCTAssertEqual(try snapshot(repo), start)

        // A rollback that dies, then one that completes: the dead one is superseded and no longer blocks.
        let phase1 = try codemod(["apply", "--phase", "1"], in: repo)
        XCTAssertEqual(phase1.status, 0)
        let applyRun = String(try XCTUnwrap(try runs(in: repo).last).prefix { $0 != " " })
        XCTAssertEqual(try codemod(["rollback", "--run", applyRun], in: repo, environment: ["PRISMA_CODEMOD_TEST_CRASH_AFTER": "0"]).status, 99)
        let deadRollback = String(try XCTUnwrap(try runs(in: repo).last).prefix { $0 != " " })
        XCTAssertEqual(try codemod(["rollback", "--run", applyRun], in: repo).status, 0)
        XCTAssertEqual(try snapshot(repo), start)
        XCTAssertTrue(try runs(in: repo).contains { $0.hasPrefix(deadRollback) && $0.hasSuffix("superseded") })
        XCTAssertEqual(try codemod(["apply", "--phase", "3"], in: repo).status, 0, "the superseded dead run does not block")
    }

    func testNothingIsWrittenOutsideTheProjectThroughALinkedFolder() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("prisma-codemod-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        let outsideFile = outside.appendingPathComponent("userCache.ts")
        try FileManager.default.copyItem(at: repo.appendingPathComponent("src/services/userCache.ts"), to: outsideFile)
        let before = try Data(contentsOf: outsideFile)
        try FileManager.default.createSymbolicLink(at: repo.appendingPathComponent("src/shared"), withDestinationURL: outside)
        let apply = try codemod(["apply", "unwrap-reads", "src/shared/userCache.ts"], in: repo)
        XCTAssertEqual(apply.status, 2)
        XCTAssertTrue(apply.stderr.contains("src/shared/userCache.ts: goes through the symbolic link src/shared to a folder"), apply.stderr)
        XCTAssertEqual(try Data(contentsOf: outsideFile), before)
    }


    func testJournalEntriesOutsideTheRootOrOfUnknownVersionsAreRejected() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        XCTAssertEqual(try codemod(["apply", "unwrap-reads"], in: repo).status, 0)
        let runsFolder = repo.appendingPathComponent(".prisma-codemod/runs")
        let name = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: runsFolder.path).first)
        let url = runsFolder.appendingPathComponent(name)
        let good = try Data(contentsOf: url)
        var json = try XCTUnwrap(JSONSerialization.jsonObject(with: good) as? [String: Any])
        var files = try XCTUnwrap(json["files"] as? [[String: Any]])
        files[0]["path"] = "../../etc/passwd"
        json["files"] = files
        try JSONSerialization.data(withJSONObject: json).write(to: url)
        let outside = try codemod(["rollback", "src/services/userCache.ts"], in: repo)
        XCTAssertEqual(outside.status, 2)
        XCTAssertTrue(outside.stderr.contains("path '../../etc/passwd' is outside the project root"), outside.stderr)

        json["version"] = 7
        try JSONSerialization.data(withJSONObject: json).write(to: url)
        let version = try codemod(["history"], in: repo)
        XCTAssertEqual(version.status, 2)
        XCTAssertTrue(version.stderr.contains("journal version 7 is not supported"), version.stderr)
    }
}

import Foundation
import XCTest

/// Issue 11: whatever the environment does (another run, a crash at any point, a signal,
/// git refusing to commit, a full disk), no update is lost, one command is advised, and
/// following it restores the state before the interrupted command.
final class InterruptionCLITests: XCTestCase {
    private let gitIdentity = ["GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
                               "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com"]

    private func codemod(_ arguments: [String], in repo: URL, environment: [String: String] = [:]) throws -> RunResult {
        try tool(arguments, in: repo, environment: gitIdentity.merging(environment) { _, new in new })
    }

    /// `history` lines: id, time, kind, what, counts, status.
    private func runs(in repo: URL) throws -> [(id: String, status: String)] {
        try codemod(["history"], in: repo).stdout.split(separator: "\n").map { line in
            (String(line.prefix { $0 != " " }), String(line.split(separator: " ").last ?? ""))
        }
    }

    /// The command an error advises: the text between the first pair of backticks.
    private func advised(_ stderr: String) throws -> [String] {
        let parts = stderr.components(separatedBy: "`")
        XCTAssertGreaterThanOrEqual(parts.count, 3, stderr)
        let command = parts.count >= 3 ? parts[1] : ""
        XCTAssertTrue(command.hasPrefix("prisma-codemod "), stderr)
        return command.split(separator: " ").dropFirst().map(String.init)
    }

    private func spawn(_ arguments: [String], in repo: URL, environment: [String: String]) throws -> Process {
        let process = Process()
        process.executableURL = toolURL
        process.arguments = arguments
        process.currentDirectoryURL = repo
        process.environment = ProcessInfo.processInfo.environment.merging(gitIdentity.merging(environment) { _, new in new }) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    private func waitFor(_ url: URL, seconds: Double = 30) {
        let deadline = Date().addingTimeInterval(seconds)
        while !FileManager.default.fileExists(atPath: url.path) && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    }

    // MARK: - 1, 13: one lock per work tree, released by the kernel

    func testRunsOnNestedProjectRootsExcludeEachOtherAndADeadHolderReleasesTheLock() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        // A second project above the backend: its own root, its own journal, the same work tree.
        let outer = repo.appendingPathComponent("tools")
        try FileManager.default.createDirectory(at: outer, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: outer.appendingPathComponent("package.json"))
        try Data("import { prisma, executeWithRetry } from '../src/utils/prisma';\nexport const n = () => executeWithRetry(() => prisma.user.count());\n".utf8)
            .write(to: outer.appendingPathComponent("count.ts"))
        try git(["add", "-A"], in: repo)
        try git(["commit", "-q", "-m", "tools"], in: repo)

        let holder = try spawn(["apply", "unwrap-reads", "src"], in: repo, environment: ["PRISMA_CODEMOD_TEST_HOLD_LOCK": "8"])
        let lock = repo.appendingPathComponent(".git/prisma-codemod.lock")
        let deadline = Date().addingTimeInterval(20)
        while ((try? String(contentsOf: lock, encoding: .utf8)) ?? "").isEmpty && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        let other = try codemod(["apply", "unwrap-reads", "tools", "--journal", "tools/.journal"], in: repo)
        XCTAssertEqual(other.status, 2, other.stderr)
        XCTAssertTrue(other.stderr.contains("another prisma-codemod run (pid \(holder.processIdentifier)) is writing in this work tree"), other.stderr)
        XCTAssertEqual(try git(["status", "--porcelain", "tools"], in: repo).stdout, "", "the refused run wrote nothing")

        // Killed without a chance to clean up (and not yet reaped): the kernel released the lock.
        kill(holder.processIdentifier, SIGKILL)
        Thread.sleep(forTimeInterval: 0.2)
        let after = try codemod(["apply", "unwrap-reads", "tools"], in: repo)
        XCTAssertEqual(after.status, 0, after.stderr)
        holder.waitUntilExit()
    }

    // MARK: - 2: the journal's states, at every interruption point of apply, rollback and revert

    /// An interrupted rollback re-run to completion supersedes the dead one: nothing blocks,
    /// and nothing advises re-applying what was just rolled back.
    func testAnInterruptedRollbackFinishedByAnotherDoesNotBlockOrMislead() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let start = try snapshot(repo)
        XCTAssertEqual(try codemod(["apply", "--phase", "2", "--accept-budget"], in: repo).status, 0)
        let applied = try XCTUnwrap(try runs(in: repo).last).id
        let crashed = try codemod(["rollback", "--run", applied], in: repo, environment: ["PRISMA_CODEMOD_TEST_CRASH_AFTER": "30"])
        XCTAssertEqual(crashed.status, 99)
        let dead = try XCTUnwrap(try runs(in: repo).last).id
        let finished = try codemod(["rollback", "--run", applied], in: repo)
        XCTAssertEqual(finished.status, 0, finished.stderr)
        XCTAssertEqual(try snapshot(repo), start)
        let states = Dictionary(uniqueKeysWithValues: try runs(in: repo).map { ($0.id, $0.status) })
        XCTAssertEqual(states[applied], "rolled-back")
        XCTAssertEqual(states[dead], "superseded")
        let next = try codemod(["apply", "--phase", "1"], in: repo)
        XCTAssertEqual(next.status, 0, next.stderr)
    }

    /// For each crash point k of a rollback (and of a revert): the next write is refused with
    /// one advised command, and following it gives back the tree as it was before that command.
    func testEveryInterruptionPointOfRollbackAndRevertHasOneWayBack() throws {
        // A small project keeps every point cheap: four files with a retried read each.
        var files = ["package.json": "{}",
                     "src/db.ts": "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n"
                        + "export const executeWithRetry = <T>(run: () => Promise<T>) => run();\n"]
        for name in ["users", "posts", "tags", "teams"] {
            files["src/\(name).ts"] = "import { prisma, executeWithRetry } from './db';\n"
                + "export const all = () => executeWithRetry(() => prisma.\(name).findMany());\n"
        }
        let repo = try temporaryProject(files)
        defer { try? FileManager.default.removeItem(at: repo) }
        let start = try snapshot(repo)
        XCTAssertEqual(try codemod(["apply", "--phase", "1", "--commit"], in: repo).status, 0)
        let applied = try XCTUnwrap(try runs(in: repo).last).id
        let before = try snapshot(repo)
        let changed = before.keys.filter { before[$0] != start[$0] }.count
        XCTAssertEqual(changed, 4)
        for (command, points) in [(["rollback", "--run", applied], Array(0...changed)), (["revert", "--phase", "1"], Array(0...changed))] {
            for k in points {
                let label = "\(command[0]) crashing after \(k)"
                let crash = try codemod(command, in: repo, environment: ["PRISMA_CODEMOD_TEST_CRASH_AFTER": "\(k)"])
                XCTAssertEqual(crash.status, 99, "\(label): \(crash.stderr)")
                let refused = try codemod(["apply", "localize-client"], in: repo)
                XCTAssertEqual(refused.status, 2, label)
                XCTAssertTrue(refused.stderr.contains("was interrupted part-way (\(k) of \(changed) file(s) replaced)"), "\(label): \(refused.stderr)")
                let advice = try advised(refused.stderr)
                let followed = try codemod(advice, in: repo)
                XCTAssertEqual(followed.status, 0, "\(label): \(followed.stderr)")
                XCTAssertEqual(try snapshot(repo), before, "\(label): following the advice restores the tree before \(command[0])")
                let clear = try codemod(["diff", "localize-client"], in: repo)
                XCTAssertEqual(clear.status, 0, label)
                XCTAssertEqual(try codemod(["apply", "unwrap-reads"], in: repo).stderr.contains("interrupted"), false, "\(label): nothing blocks")
            }
        }
        XCTAssertEqual(try codemod(["rollback", "--run", applied], in: repo).status, 0)
        XCTAssertEqual(try snapshot(repo), start)
    }

    // MARK: - 3: --commit checks git first, and puts everything back if the commit fails

    func testCommitPreflightWritesNothingWithoutIdentityOrWithAnIndexLock() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let start = try snapshot(repo)
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("prisma-codemod-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let anonymous = try tool(["apply", "--phase", "1", "--commit"], in: repo,
                                 environment: ["HOME": home.path, "GIT_CONFIG_NOSYSTEM": "1", "XDG_CONFIG_HOME": home.path])
        XCTAssertEqual(anonymous.status, 2)
        XCTAssertTrue(anonymous.stderr.contains("--commit needs a git identity"), anonymous.stderr)
        XCTAssertTrue(anonymous.stderr.contains("Nothing was written."), anonymous.stderr)
        XCTAssertEqual(try snapshot(repo), start)

        let indexLock = repo.appendingPathComponent(".git/index.lock")
        try Data().write(to: indexLock)
        let locked = try codemod(["apply", "--phase", "1", "--commit"], in: repo)
        XCTAssertEqual(locked.status, 2)
        XCTAssertTrue(locked.stderr.contains("index.lock exists"), locked.stderr)
        XCTAssertEqual(try snapshot(repo), start)
        try FileManager.default.removeItem(at: indexLock)

        // A hook that makes the commit itself fail: the files go back, the run is rolled back, and a re-run can commit.
        let hook = repo.appendingPathComponent(".git/hooks/prepare-commit-msg")
        try Data("#!/bin/sh\necho 'no commits today' >&2\nexit 1\n".utf8).write(to: hook)
        chmod(hook.path, 0o755)
        let failing = try codemod(["apply", "--phase", "1", "--commit"], in: repo)
        XCTAssertEqual(failing.status, 2)
        XCTAssertTrue(failing.stderr.contains("every file was put back as it was"), failing.stderr)
        XCTAssertEqual(try snapshot(repo), start)
        XCTAssertEqual(try git(["status", "--porcelain"], in: repo).stdout, "", "nothing left staged")
        try FileManager.default.removeItem(at: hook)
        let again = try codemod(["apply", "--phase", "1", "--commit"], in: repo)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(try git(["log", "-1", "--format=%B"], in: repo).stdout.contains("Codemod-Phase: 1"))
    }

    // MARK: - 4: the last journal write failing says what happened

    func testAFailingFinalJournalWriteSaysTheFilesChangedAndHowToUndo() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let start = try snapshot(repo)
        let failed = try codemod(["apply", "unwrap-reads"], in: repo, environment: ["PRISMA_CODEMOD_TEST_FAIL_JOURNAL_COMPLETION": "1"])
        XCTAssertEqual(failed.status, 2)
        XCTAssertTrue(failed.stderr.contains("all 7 file(s) were written, but the journal could not record run"), failed.stderr)
        XCTAssertFalse(failed.stderr.contains("unchanged"), failed.stderr)
        let advice = try advised(failed.stderr)
        XCTAssertEqual(try codemod(advice, in: repo).status, 0)
        XCTAssertEqual(try snapshot(repo), start)
    }

    func testAFullDiskForTheJournalIsReportedHonestly() throws {
        guard geteuid() == 0 else {
            print("skipped testAFullDiskForTheJournalIsReportedHonestly: mounting a small tmpfs needs root")
            return
        }
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let start = try snapshot(repo)
        // How big the run's entry is: measured with a roomy journal, then undone.
        let roomy = FileManager.default.temporaryDirectory.appendingPathComponent("prisma-codemod-roomy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: roomy) }
        XCTAssertEqual(try codemod(["apply", "unwrap-reads", "--journal", roomy.path], in: repo).status, 0)
        let entries = try FileManager.default.contentsOfDirectory(atPath: roomy.appendingPathComponent("runs").path)
        let entry = try XCTUnwrap(entries.first)
        let size = { (path: String) throws -> Int in
            try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: roomy.appendingPathComponent(path).path)[.size] as? Int)
        }
        let pagesOf = { (path: String) throws -> Int in (try size(path) + 4095) / 4096 }
        // The folder's .gitignore, the originals, the entry: all of them once, and not a page more.
        let pages = try pagesOf(".gitignore") + pagesOf("originals/\(entry.dropLast(5))") + pagesOf("runs/\(entry)")
        XCTAssertEqual(try codemod(["rollback", "--run", String(entry.dropLast(5)), "--journal", roomy.path], in: repo).status, 0)
        XCTAssertEqual(try snapshot(repo), start)

        // Room for the originals and the entry once, not for the entry's rewrite beside it: the final write fails.
        let small = FileManager.default.temporaryDirectory.appendingPathComponent("prisma-codemod-small-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: small, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: small) }
        let mount = try runProcess(URL(fileURLWithPath: "/usr/bin/env"),
                                   ["mount", "-t", "tmpfs", "-o", "size=\(pages * 4)k", "tmpfs", small.path], in: repo)
        guard mount.status == 0 else {
            print("skipped testAFullDiskForTheJournalIsReportedHonestly: mount failed: \(mount.stderr)")
            return
        }
        defer { _ = try? runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["umount", small.path], in: repo) }
        let full = try codemod(["apply", "unwrap-reads", "--journal", small.path], in: repo)
        XCTAssertEqual(full.status, 2)
        XCTAssertTrue(full.stderr.contains("all 7 file(s) were written, but the journal could not record run"), full.stderr)
        XCTAssertFalse(full.stderr.contains("the original is unchanged"), full.stderr)
    }

    // MARK: - 5: signals

    /// Runs a command that pauses at a test hook, sends it `signal` there, and returns its exit status.
    private func interrupt(_ arguments: [String], in repo: URL, pausing hook: [String: String], with signal: Int32) throws -> Int32 {
        let paused = repo.appendingPathComponent(".prisma-codemod/paused")
        let process = try spawn(arguments, in: repo, environment: hook)
        waitFor(paused)
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: paused)
        return process.terminationStatus
    }

    func testSignalsDuringApplyFinishOrRestoreAndLeaveNoTemporaryFiles() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let start = try snapshot(repo)
        let untracked = { try git(["status", "--porcelain", "--untracked-files=all"], in: repo).stdout }

        // Before any file is replaced: nothing changes.
        XCTAssertEqual(try interrupt(["apply", "unwrap-reads"], in: repo, pausing: ["PRISMA_CODEMOD_TEST_PAUSE_STAGED": "3"], with: SIGINT), 130)
        XCTAssertEqual(try snapshot(repo), start)
        XCTAssertEqual(try untracked(), "")

        // Half-way through the renames: they finish, and the run is complete.
        XCTAssertEqual(try interrupt(["apply", "unwrap-reads"], in: repo, pausing: ["PRISMA_CODEMOD_TEST_PAUSE_AFTER": "2"], with: SIGTERM), 143)
        let status = try untracked()
        XCTAssertEqual(status.split(separator: "\n").count, 7, status)
        XCTAssertFalse(status.contains(".tmp"), status)
        XCTAssertEqual(try runs(in: repo).last?.status, "completed")
        XCTAssertEqual(try codemod(["rollback", "--run", try XCTUnwrap(try runs(in: repo).last).id], in: repo).status, 0)

        // With --commit: the files go back rather than stay uncommitted.
        XCTAssertEqual(try interrupt(["apply", "--phase", "1", "--commit"], in: repo, pausing: ["PRISMA_CODEMOD_TEST_PAUSE_AFTER": "3"],
                                     with: SIGHUP), 129)
        XCTAssertEqual(try snapshot(repo), start)
        XCTAssertEqual(try untracked(), "")
    }

    // MARK: - 6: permissions

    func testTheJournalIsPrivateAndRewrittenFilesKeepOwnerAndMode() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let target = repo.appendingPathComponent("src/services/userCache.ts")
        chmod(target.path, 0o640)
        let owned = geteuid() == 0
        if owned { XCTAssertEqual(chown(target.path, 1234, 2345), 0) }
        XCTAssertEqual(try codemod(["apply", "unwrap-reads"], in: repo).status, 0)
        var info = stat()
        XCTAssertEqual(stat(target.path, &info), 0)
        XCTAssertEqual(info.st_mode & 0o7777, 0o640)
        if owned {
            XCTAssertEqual(info.st_uid, 1234)
            XCTAssertEqual(info.st_gid, 2345)
        }
        let journal = repo.appendingPathComponent(".prisma-codemod")
        for folder in [journal, journal.appendingPathComponent("runs")] {
            XCTAssertEqual(stat(folder.path, &info), 0)
            XCTAssertEqual(info.st_mode & 0o777, 0o700, folder.path)
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: journal.appendingPathComponent("runs").path) {
            XCTAssertEqual(stat(journal.appendingPathComponent("runs/\(name)").path, &info), 0)
            XCTAssertEqual(info.st_mode & 0o777, 0o600, name)
        }
    }

    // MARK: - 11, 14: journal input is checked, damaged entries have a remedy

    func testRunIdsAndDamagedEntriesAreCheckedBeforeUse() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let pwned = try codemod(["rollback", "--run", "../../../pwned"], in: repo)
        XCTAssertEqual(pwned.status, 2)
        XCTAssertTrue(pwned.stderr.contains("'../../../pwned' is not a run id"), pwned.stderr)

        XCTAssertEqual(try codemod(["apply", "unwrap-reads"], in: repo).status, 0)
        let runsFolder = repo.appendingPathComponent(".prisma-codemod/runs")
        let name = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: runsFolder.path).first)
        let entry = runsFolder.appendingPathComponent(name)
        let bytes = try Data(contentsOf: entry)
        try bytes.prefix(bytes.count / 2).write(to: entry)
        let blocked = try codemod(["apply", "localize-client"], in: repo)
        XCTAssertEqual(blocked.status, 2)
        XCTAssertTrue(blocked.stderr.contains(entry.path), blocked.stderr)
        XCTAssertTrue(blocked.stderr.contains("`prisma-codemod history --repair` sets it aside"), blocked.stderr)
        let repair = try codemod(try advised(blocked.stderr), in: repo)
        XCTAssertEqual(repair.status, 0, repair.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: repo.appendingPathComponent(".prisma-codemod/damaged/\(name)").path))
        XCTAssertEqual(try codemod(["apply", "localize-client"], in: repo).status, 0)

        // An entry whose id is not its file name is not trusted.
        let other = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: runsFolder.path).first)
        let text = try String(contentsOf: runsFolder.appendingPathComponent(other), encoding: .utf8)
        let id = String(other.dropLast(5))
        try Data(text.replacingOccurrences(of: "\"id\" : \"\(id)\"", with: "\"id\" : \"../../x\"").utf8).write(to: runsFolder.appendingPathComponent(other))
        let mismatched = try codemod(["rollback", "--run", id], in: repo)
        XCTAssertEqual(mismatched.status, 2)
        XCTAssertTrue(mismatched.stderr.contains("does not name this entry"), mismatched.stderr)
    }

    // MARK: - 7: git that cannot run is an error, not a silent walk past .gitignore

    func testWhenGitCannotRunCommandsStopUnlessNoGit() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let ignored = repo.appendingPathComponent("src/generated/cache.ts")
        try FileManager.default.createDirectory(at: ignored.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("import { prisma, executeWithRetry } from '../utils/prisma';\nexport const all = () => executeWithRetry(() => prisma.user.findMany());\n".utf8)
            .write(to: ignored)
        try Data("src/generated/\n".utf8).write(to: repo.appendingPathComponent(".gitignore"))
        try git(["add", ".gitignore"], in: repo)
        try git(["commit", "-q", "-m", "ignore generated"], in: repo)
        let start = try snapshot(repo)

        let noPath = ["PATH": "/nonexistent"]
        for command in [["apply", "unwrap-reads"], ["check", "."], ["apply", "--phase", "1", "--commit"], ["init", "--dry-run"]] {
            let result = try codemod(command, in: repo, environment: noPath)
            XCTAssertEqual(result.status, 2, "\(command): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("but git cannot be used there: git is not on PATH"), result.stderr)
            XCTAssertTrue(result.stderr.contains("--no-git"), result.stderr)
        }
        XCTAssertEqual(try snapshot(repo), start, "nothing written, the ignored file least of all")

        // Asked for: the folder is walked as a plain one, the ignored file included.
        let plain = try codemod(["apply", "unwrap-reads", "--no-git"], in: repo, environment: noPath)
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertTrue(plain.stdout.contains("src/generated/cache.ts"), plain.stdout)
        let initialized = try codemod(["init", "--dry-run", "--no-git"], in: repo, environment: noPath)
        XCTAssertEqual(initialized.status, 0, initialized.stderr)
        XCTAssertTrue(initialized.stdout.contains("centralModule"), initialized.stdout)
        let contradiction = try codemod(["apply", "--phase", "1", "--commit", "--no-git"], in: repo)
        XCTAssertEqual(contradiction.status, 2)
        XCTAssertTrue(contradiction.stderr.contains("--commit needs git; it does not go with --no-git"), contradiction.stderr)

        guard geteuid() == 0 else {
            print("skipped the dubious-ownership half of testWhenGitCannotRunCommandsStopUnlessNoGit: it needs root to chown")
            return
        }
        // A work tree owned by someone else: git refuses it ("dubious ownership").
        let other = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["chown", "-R", "4321:4321", repo.path], in: repo)
        XCTAssertEqual(other.status, 0)
        let dubious = try codemod(["inventory", "."], in: repo)
        XCTAssertEqual(dubious.status, 2, dubious.stderr)
        XCTAssertTrue(dubious.stderr.contains("dubious ownership"), dubious.stderr)
    }

    // MARK: - 12: a journal path whose folder became a link is never written through

    func testARollbackNeverWritesThroughAFolderThatBecameALink() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        XCTAssertEqual(try codemod(["apply", "unwrap-reads"], in: repo).status, 0)
        let run = try XCTUnwrap(try runs(in: repo).last).id
        let services = repo.appendingPathComponent("src/services")
        let moved = repo.appendingPathComponent("src/real-services")
        try FileManager.default.moveItem(at: services, to: moved)
        try FileManager.default.createSymbolicLink(atPath: services.path, withDestinationPath: "real-services")
        let before = try snapshot(moved)
        let rollback = try codemod(["rollback", "--run", run], in: repo)
        XCTAssertEqual(rollback.status, 2, rollback.stderr)
        XCTAssertTrue(rollback.stderr.contains("a folder on its path is a link; links are never followed"), rollback.stderr)
        XCTAssertEqual(try snapshot(moved), before, "nothing written through the link")
    }

    func testADamagedCopyInTheJournalIsNamedAsSuch() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        XCTAssertEqual(try codemod(["apply", "unwrap-reads", "src/services/userCache.ts"], in: repo).status, 0)
        let run = try XCTUnwrap(try runs(in: repo).last).id
        // The originals are streamed to their own file: one byte changed there is a damaged copy.
        let originals = repo.appendingPathComponent(".prisma-codemod/originals/\(run)")
        var bytes = [UInt8](try Data(contentsOf: originals))
        XCTAssertFalse(bytes.isEmpty)
        bytes[bytes.count / 2] ^= 0x20
        try Data(bytes).write(to: originals)
        let rollback = try codemod(["rollback", "--run", run], in: repo)
        XCTAssertEqual(rollback.status, 2)
        XCTAssertTrue(rollback.stderr.contains("the journal's copy of its content before run \(run) is damaged (missing, or not the bytes it recorded)"),
                      rollback.stderr)
        try FileManager.default.removeItem(at: originals)
        XCTAssertTrue(try codemod(["rollback", "--run", run], in: repo).stderr.contains("is damaged"))
    }
}

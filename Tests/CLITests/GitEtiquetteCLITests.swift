import Foundation
import XCTest

/// Issue 13: diffs as git writes them, commits through the repository's hooks, run ids by prefix.
final class GitEtiquetteCLITests: XCTestCase {
    private let gitIdentity = ["GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
                               "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com"]
    /// git with its defaults, whatever the machine's configuration says.
    private let plainGit = ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", "COLUMNS": "80"]

    private func codemod(_ arguments: [String], in repo: URL, environment: [String: String] = [:]) throws -> RunResult {
        try tool(arguments, in: repo, environment: gitIdentity.merging(environment) { _, new in new })
    }

    private func plain(_ arguments: [String], in folder: URL) throws -> RunResult {
        try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["git"] + arguments, in: folder, environment: plainGit)
    }

    /// One file's part of a patch: from its `diff --git` line to the next.
    private func section(of path: String, in patch: String) -> String {
        let parts = patch.components(separatedBy: "diff --git ")
        return parts.first { $0.hasPrefix("a/\(path) b/\(path)\n") }.map { "diff --git " + $0 } ?? ""
    }

    /// Everything from the first hunk on: what git and the tool must agree on byte for byte.
    private func hunks(_ patch: String) -> String {
        guard let start = patch.range(of: "\n@@ ") else { return "" }
        return String(patch[patch.index(after: start.lowerBound)...])
    }

    /// Every phase's diff has git's hunks for each file, `--stat` and `--name-only` print what
    /// git's do, and the patch's totals follow on stderr.
    func testDiffsAreGitsOnEveryPhase() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("prisma-codemod-hunks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        for phase in 1...3 {
            let diff = try codemod(["diff", "--phase", "\(phase)"], in: repo)
            XCTAssertEqual(diff.status, 0, diff.stderr)
            let stat = try codemod(["diff", "--phase", "\(phase)", "--stat"], in: repo)
            let names = try codemod(["diff", "--phase", "\(phase)", "--name-only"], in: repo)
            try git(["apply", "-"], in: repo, input: diff.stdout)
            let changed = try git(["diff", "--name-only"], in: repo).stdout
            XCTAssertFalse(changed.isEmpty, "phase \(phase) changes files")
            XCTAssertEqual(names.stdout, changed, "phase \(phase)")
            let gitStat = try plain(["diff", "--stat"], in: repo).stdout
            XCTAssertEqual(stat.stdout, gitStat, "phase \(phase)")
            XCTAssertTrue(diff.stderr.contains(gitStat), "phase \(phase): the totals on stderr\n\(diff.stderr)")
            for path in changed.split(separator: "\n").map(String.init) {
                try Data(try git(["show", "HEAD:\(path)"], in: repo).stdout.utf8).write(to: scratch.appendingPathComponent("old"))
                try Data(contentsOf: repo.appendingPathComponent(path)).write(to: scratch.appendingPathComponent("new"))
                let expected = try plain(["diff", "--no-index", "--no-color", "old", "new"], in: scratch)
                XCTAssertEqual(expected.status, 1, expected.stderr)
                let ours = section(of: path, in: diff.stdout)
                XCTAssertEqual(hunks(ours), hunks(expected.stdout), "phase \(phase), \(path)")
                let blob = try git(["rev-parse", "HEAD:\(path)"], in: repo).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                let after = try git(["hash-object", path], in: repo).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                XCTAssertTrue(ours.contains("\nindex \(blob)..\(after) 100644\n"), ours)
            }
            try git(["checkout", "--", "."], in: repo)
            // Phase 2 takes the sample over its budget: accepted here, the diffs are the point.
            XCTAssertEqual(try codemod(["apply", "--phase", "\(phase)", "--commit", "--accept-budget"], in: repo).status, 0)
        }
    }

    /// A phase's diff still goes in with `git apply --3way` after the file changed next to a hunk.
    func testAPhaseDiffAppliesThreeWayAfterTheFileChanged() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let path = "src/controllers/notificationController.ts"
        let diff = try codemod(["diff", "--phase", "3"], in: repo)
        XCTAssertEqual(diff.status, 0, diff.stderr)
        // The first hunk's first line is context, three lines above its first change.
        let header = try XCTUnwrap(diff.stdout.split(separator: "\n").first { $0.hasPrefix("@@ -") })
        let start = try XCTUnwrap(Int(header.dropFirst(4).prefix { $0.isNumber }))
        let url = repo.appendingPathComponent(path)
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        lines[start - 1] += " // changed by a colleague"
        try Data(lines.joined(separator: "\n").utf8).write(to: url)
        try git(["commit", "-qam", "a colleague's change"], in: repo)
        let strict = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["git", "apply", "--check", "-"], in: repo, input: diff.stdout)
        XCTAssertNotEqual(strict.status, 0, "the context changed, so a plain apply refuses")
        try git(["apply", "--3way", "-"], in: repo, input: diff.stdout)
        let merged = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(merged.contains(" // changed by a colleague"))
        XCTAssertTrue(merged.contains("executeWithRetry"), "the phase's change is in too")
    }

    private func installHook(_ name: String, _ body: String, in folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data("#!/bin/sh\n\(body)\n".utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
    }

    /// A pre-commit hook that fails stops the commit: every file is put back, the run is rolled
    /// back, and the hook's words are shown. `--no-verify` skips it when the user asks.
    func testAFailingPreCommitHookLeavesTheTreeAsItWas() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        try installHook("pre-commit", "echo 'lint-staged: 3 problems in src/services/userCache.ts' >&2\nexit 1",
                        in: repo.appendingPathComponent(".git/hooks"))
        let start = try snapshot(repo)
        let head = try git(["rev-parse", "HEAD"], in: repo).stdout

        let refused = try codemod(["apply", "--phase", "1", "--commit"], in: repo)
        XCTAssertEqual(refused.status, 2, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("git commit was refused by the repository's pre-commit hook (exit 1); its output:\n"
                                              + "lint-staged: 3 problems in src/services/userCache.ts\n"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("pass --no-verify to skip the hooks"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("every file was put back as it was"), refused.stderr)
        XCTAssertEqual(try snapshot(repo), start)
        XCTAssertEqual(try git(["rev-parse", "HEAD"], in: repo).stdout, head)
        XCTAssertEqual(try git(["status", "--porcelain"], in: repo).stdout, "", "nothing left staged or changed")
        let history = try codemod(["history"], in: repo).stdout
        XCTAssertTrue(history.split(separator: "\n").first?.hasSuffix("rolled-back") == true, history)

        XCTAssertEqual(try codemod(["apply", "--phase", "1", "--no-verify"], in: repo).status, 2, "--no-verify goes with --commit")
        let skipped = try codemod(["apply", "--phase", "1", "--commit", "--no-verify"], in: repo)
        XCTAssertEqual(skipped.status, 0, skipped.stderr)
        XCTAssertTrue(try git(["log", "-1", "--format=%s"], in: repo).stdout.hasPrefix("perf(db): phase 1"))
    }

    /// A hook that passes and changes nothing: it runs, and the commit holds exactly the phase.
    func testAPassingHookRunsAndTheCommitIsThePhase() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("prisma-codemod-hook-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: marker) }
        try installHook("pre-commit", "echo ran >> \"$HOOK_MARKER\"", in: repo.appendingPathComponent(".git/hooks"))
        let diff = try codemod(["diff", "--phase", "1", "--name-only"], in: repo).stdout
        let apply = try codemod(["apply", "--phase", "1", "--commit"], in: repo, environment: ["HOOK_MARKER": marker.path])
        XCTAssertEqual(apply.status, 0, apply.stderr)
        XCTAssertEqual(try String(contentsOf: marker, encoding: .utf8), "ran\n", "the hook ran once")
        XCTAssertEqual(try git(["diff", "--name-only", "HEAD~1", "HEAD"], in: repo).stdout, diff)
        XCTAssertEqual(try git(["status", "--porcelain"], in: repo).stdout, "")
    }

    /// A hook that reformats what it commits (lint-staged running prettier): the run warns,
    /// the journal records what was committed, and `rollback` needs no `--force`.
    func testAHookThatReformatsIsToldAndRollbackStillRestores() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let before = try snapshot(repo)
        try installHook("pre-commit", "for f in $(git diff --cached --name-only -- '*.ts'); do printf '// formatted\\n' >> \"$f\"; git add \"$f\"; done",
                        in: repo.appendingPathComponent(".git/hooks"))
        let changed = try codemod(["diff", "--phase", "1", "--name-only"], in: repo).stdout.split(separator: "\n").map(String.init)
        XCTAssertFalse(changed.isEmpty)
        let apply = try codemod(["apply", "--phase", "1", "--commit"], in: repo)
        XCTAssertEqual(apply.status, 0, apply.stderr)
        XCTAssertTrue(apply.stderr.contains("warning: the commit hooks changed \(changed.count) file(s) after prisma-codemod wrote them"), apply.stderr)
        XCTAssertTrue(try String(contentsOf: repo.appendingPathComponent(changed[0]), encoding: .utf8).hasSuffix("// formatted\n"))
        XCTAssertEqual(try git(["status", "--porcelain"], in: repo).stdout, "")

        let rollback = try codemod(["rollback", "--run", "latest"], in: repo)
        XCTAssertEqual(rollback.status, 0, rollback.stderr)
        XCTAssertEqual(try snapshot(repo), before, "every file as before the run, the hook's lines too")
    }

    /// Husky's layout: hooks in a folder of the repository named by `core.hooksPath`. Its
    /// commit-msg hook (commitlint) accepts the phase's message and refuses the revert's.
    func testHuskyHooksRunThroughCoreHooksPath() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        try installHook("commit-msg", "head -1 \"$1\" | grep -qE '^(perf|fix|feat)(\\(.+\\))?: ' && exit 0\n"
                        + "echo 'commitlint: subject may not be empty; type may not be empty' >&2\nexit 1",
                        in: repo.appendingPathComponent(".husky"))
        try git(["add", ".husky"], in: repo)
        try git(["commit", "-qm", "husky"], in: repo)
        try git(["config", "core.hooksPath", ".husky"], in: repo)

        let apply = try codemod(["apply", "--phase", "1", "--commit"], in: repo)
        XCTAssertEqual(apply.status, 0, apply.stderr)
        let afterApply = try snapshot(repo)
        let head = try git(["rev-parse", "HEAD"], in: repo).stdout

        let revert = try codemod(["revert", "--phase", "1", "--commit"], in: repo)
        XCTAssertEqual(revert.status, 2, revert.stderr)
        XCTAssertTrue(revert.stderr.contains("refused by the repository's commit-msg hook (exit 1); its output:\n"
                                             + "commitlint: subject may not be empty; type may not be empty\n"), revert.stderr)
        XCTAssertEqual(try snapshot(repo), afterApply, "the revert's files were put back")
        XCTAssertEqual(try git(["rev-parse", "HEAD"], in: repo).stdout, head)
        XCTAssertEqual(try git(["status", "--porcelain"], in: repo).stdout, "")

        let forced = try codemod(["revert", "--phase", "1", "--commit", "--no-verify"], in: repo)
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertTrue(try git(["log", "-1", "--format=%s"], in: repo).stdout.hasPrefix("Revert phase 1"))
    }

    /// Run ids by a unique prefix or `latest`; an ambiguous prefix lists the runs it names.
    func testRunIDsByPrefixAndLatest() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let start = try snapshot(repo)
        XCTAssertEqual(try codemod(["apply", "unwrap-reads"], in: repo).status, 0)
        let afterApply = try snapshot(repo)
        let rollback = try codemod(["rollback", "--run", "latest"], in: repo)
        XCTAssertEqual(rollback.status, 0, rollback.stderr)
        XCTAssertEqual(try snapshot(repo), start)

        let ids = try codemod(["history"], in: repo).stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        XCTAssertEqual(ids.count, 2)
        let latest = try codemod(["history", "--run", "latest"], in: repo)
        XCTAssertEqual(latest.status, 0, latest.stderr)
        XCTAssertTrue(latest.stdout.hasPrefix("\(ids[1])  "), latest.stdout)
        XCTAssertTrue(latest.stdout.contains("rollback   undoing \(ids[0])"), latest.stdout)
        XCTAssertTrue(latest.stdout.contains("\n  src/services/userCache.ts\n"), latest.stdout)

        let ambiguous = try codemod(["rollback", "--run", "20"], in: repo)
        XCTAssertEqual(ambiguous.status, 2)
        XCTAssertTrue(ambiguous.stderr.contains("'20' names 2 runs: \(ids[0]), \(ids[1]); type more of the id"), ambiguous.stderr)
        XCTAssertEqual(try snapshot(repo), start)

        // Undo the rollback by a prefix of its id: the apply's output is back.
        let byPrefix = try codemod(["rollback", "--run", String(ids[1].dropLast(2))], in: repo)
        XCTAssertEqual(byPrefix.status, 0, byPrefix.stderr)
        XCTAssertEqual(try snapshot(repo), afterApply)
        let unknown = try codemod(["history", "--run", "1999"], in: repo)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("no run 1999 in"), unknown.stderr)
    }
}

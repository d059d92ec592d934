import Foundation
import XCTest
import Yams

/// The CI files in the repository: `docs/ci/github-actions.yml` and `.pre-commit-hooks.yaml`
/// parse, name only options the tool has, and their commands do what they promise when run
/// as the CI would run them, with the built binary on the PATH.
final class CIIntegrationCLITests: XCTestCase {
    private func yaml(_ path: String) throws -> (text: String, node: Node) {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent(path), encoding: .utf8)
        return (text, try XCTUnwrap(try Yams.compose(yaml: text), path))
    }

    /// A mapping's value by key as written: `on` would resolve to a boolean key in YAML 1.1.
    private func value(_ node: Node?, _ key: String) -> Node? {
        node?.mapping?.first { $0.key.scalar?.string == key }?.value
    }

    /// Runs a step's shell text as GitHub's `run:` does (`sh -e`), with the built tool on the PATH.
    private func shell(_ script: String, in directory: URL, arguments: [String] = []) throws -> RunResult {
        let path = toolURL.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        return try runProcess(URL(fileURLWithPath: "/bin/sh"), ["-e", "-c", script, "hook"] + arguments, in: directory,
                              environment: ["PATH": path])
    }

    /// Every `--option` a CI file names is one `prisma-codemod check` takes.
    private func assertRealOptions(_ text: String, file: String, including required: Set<String> = []) throws {
        let help = try tool(["check", "--help"], in: repositoryRoot)
        XCTAssertEqual(help.status, 0, help.stderr)
        let pattern = try NSRegularExpression(pattern: #"(?<![\w-])--[a-z][a-z-]*"#)
        let options = Set(pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range, in: text).map { String(text[$0]) }
        })
        XCTAssertTrue(options.isSuperset(of: required), "\(file): \(options)")
        for option in options where !["--depth", "--branch"].contains(option) {  // git clone's, in the install step
            XCTAssertTrue(help.stdout.contains(option), "\(file) names \(option), which `check` does not take")
        }
    }

    func testGitHubWorkflowParsesAndItsCheckStepsRun() throws {
        let (text, workflow) = try yaml("docs/ci/github-actions.yml")
        XCTAssertNotNil(value(workflow, "on"))
        XCTAssertEqual(value(value(workflow, "permissions"), "security-events")?.string, "write", "upload-sarif needs it")
        let jobs = try XCTUnwrap(value(workflow, "jobs")?.mapping)
        XCTAssertEqual(jobs.count, 1)
        let steps = try XCTUnwrap(jobs.first?.value["steps"]?.sequence).map { $0 }
        let runs = steps.compactMap { value($0, "run")?.string }
        let uses = steps.compactMap { value($0, "uses")?.string }
        XCTAssertTrue(uses.contains { $0.hasPrefix("actions/checkout@") }, "\(uses)")
        let upload = try XCTUnwrap(steps.first { value($0, "uses")?.string?.hasPrefix("github/codeql-action/upload-sarif@") == true })
        XCTAssertEqual(value(value(upload, "with"), "sarif_file")?.string, "results.sarif")

        let install = try XCTUnwrap(runs.first { $0.contains("scripts/install.sh") })
        XCTAssertTrue(install.contains("git clone") && install.contains(#"/scripts/install.sh" "$HOME/.local""#), install)
        XCTAssertTrue(runs.contains { $0.contains(#""$HOME/.local/bin" >> "$GITHUB_PATH""#) }, "the installed binary is put on the PATH")
        let sarifStep = try XCTUnwrap(runs.first { $0.contains("prisma-codemod check --format sarif -o results.sarif") })
        let annotationStep = try XCTUnwrap(runs.first { $0.contains("prisma-codemod check --format github") })
        let sarifIndex = try XCTUnwrap(steps.firstIndex { value($0, "run")?.string == sarifStep })
        let uploadIndex = try XCTUnwrap(steps.firstIndex { value($0, "uses") == value(upload, "uses") })
        XCTAssertLessThan(sarifIndex, uploadIndex)
        try assertRealOptions(text, file: "docs/ci/github-actions.yml", including: ["--format", "--max-warnings", "--error", "--warn", "--off"])

        // On the sample backend (9 findings at error severity): the SARIF step succeeds and
        // leaves the report, the annotation step fails the job with one annotation each.
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let sarif = try shell(sarifStep, in: repo)
        XCTAssertEqual(sarif.status, 0, "findings leave a report to upload: " + sarif.stderr)
        let log = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: repo.appendingPathComponent("results.sarif"))) as? [String: Any])
        XCTAssertEqual(log["version"] as? String, "2.1.0")
        XCTAssertEqual(((log["runs"] as? [[String: Any]])?.first?["results"] as? [Any])?.count, 9)
        let annotations = try shell(annotationStep, in: repo)
        XCTAssertEqual(annotations.status, 1)
        XCTAssertEqual(annotations.stdout.split(separator: "\n").filter { $0.hasPrefix("::error file=src/") }.count, 9, annotations.stdout)

        // A usage or parse failure (exit 2) still fails the SARIF step.
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("prisma-codemod-ci-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        try Data("{}\n".utf8).write(to: empty.appendingPathComponent("package.json"))
        let failed = try shell(sarifStep, in: empty)
        XCTAssertNotEqual(failed.status, 0, failed.stderr)
        XCTAssertTrue(failed.stderr.contains("no TypeScript files matched"), failed.stderr)
    }

    /// pre-commit passes the staged files that match `files` and not `exclude`; each gets the
    /// verdict `check .` gives it (MonorepoCLITests holds that for every file of the sample).
    func testPreCommitHookChecksTheStagedFiles() throws {
        let (text, document) = try yaml(".pre-commit-hooks.yaml")
        let hooks = try XCTUnwrap(document.sequence).map { $0 }
        XCTAssertEqual(hooks.count, 1)
        let hook = hooks[0]
        for key in ["id", "name", "entry", "language"] { XCTAssertNotNil(value(hook, key)?.string, "pre-commit requires \(key)") }
        XCTAssertEqual(value(hook, "id")?.string, "prisma-codemod-check")
        XCTAssertEqual(value(hook, "language")?.string, "system")
        let entry = try XCTUnwrap(value(hook, "entry")?.string)
        XCTAssertEqual(entry, "prisma-codemod check")
        try assertRealOptions(text, file: ".pre-commit-hooks.yaml")
        let files = try NSRegularExpression(pattern: try XCTUnwrap(value(hook, "files")?.string))
        let exclude = try NSRegularExpression(pattern: try XCTUnwrap(value(hook, "exclude")?.string))
        func matches(_ regex: NSRegularExpression, _ path: String) -> Bool {
            regex.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil
        }
        for path in ["a.ts", "a.tsx", "a.mts", "a.cts", "a.js", "a.jsx", "a.mjs", "a.cjs"] { XCTAssertTrue(matches(files, path) && !matches(exclude, path), path) }
        for path in ["a.d.ts", "a.d.mts"] { XCTAssertTrue(matches(exclude, path), path) }
        XCTAssertFalse(matches(files, "README.md"))

        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let whole = try tool(["check", "--format", "json"], in: repo)
        let wholeFindings = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(whole.stdout.utf8)) as? [String: Any])?["findings"] as? [[String: Any]])
        let flagged = try XCTUnwrap(wholeFindings.first?["path"] as? String)
        // Staged: a file with findings, one without, a declaration file and a README.
        for path in [flagged, "src/index.ts", "src/types/extra.d.ts", "NOTES.md"] {
            let url = repo.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let old = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            try Data((old + "\n// touched\n").utf8).write(to: url)
        }
        try git(["add", "-A"], in: repo)
        let staged = try git(["diff", "--cached", "--name-only"], in: repo).stdout.split(separator: "\n").map(String.init)
        let passed = staged.filter { matches(files, $0) && !matches(exclude, $0) }
        XCTAssertEqual(Set(passed), [flagged, "src/index.ts"])
        let run = try shell(entry + #" --format json "$@""#, in: repo, arguments: passed)
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.hasPrefix("2 file(s) in 1 project\n"), run.stderr)
        let found = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])?["findings"] as? [[String: Any]])
        func describe(_ finding: [String: Any]) -> String {
            "\(finding["path"] ?? ""):\(finding["line"] ?? ""):\(finding["column"] ?? "") \(finding["rule"] ?? "")"
        }
        XCTAssertFalse(found.isEmpty)
        XCTAssertEqual(found.map(describe), wholeFindings.filter { passed.contains($0["path"] as? String ?? "") }.map(describe))
        XCTAssertEqual(try shell(entry + #" "$@""#, in: repo, arguments: ["src/index.ts"]).status, 0, "a clean staged file passes")
    }
}

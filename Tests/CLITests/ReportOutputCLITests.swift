import Foundation
import XCTest

/// What `check` reports and where: `-o FILE`, `--quiet`, `--max-warnings`, `--error/--warn/--off`,
/// the GitLab format, SARIF's fingerprints and metadata, and colour decided per stream.
final class ReportOutputCLITests: XCTestCase {
    static let central = """
        import { PrismaClient } from '@prisma/client';
        export const prisma = new PrismaClient();
        export const executeWithRetry = async <T>(operation: () => Promise<T>) => operation();

        """

    /// Two identical wrapped reads in one file (errors), and a second client (two warnings).
    static let twins = """
        import { prisma, executeWithRetry } from '../utils/prisma';

        export async function first() {
          return executeWithRetry(() => prisma.user.count());
        }

        export async function second() {
          return executeWithRetry(() => prisma.user.count());
        }

        """

    /// A client of its own, not exported (an exported one would be a second central module).
    static let reporting = "import { PrismaClient } from '@prisma/client';\nconst reporting = new PrismaClient();\nexport const total = () => reporting.user.count();\n"

    private func project(_ extra: [String: String] = [:]) throws -> URL {
        var files = ["package.json": "{}\n", "src/utils/prisma.ts": Self.central, "src/services/twins.ts": Self.twins,
                     "src/jobs/report.ts": ReportOutputCLITests.reporting]
        files.merge(extra) { _, new in new }
        return try temporaryProject(files, prefix: "prisma-codemod-report")
    }

    private let expectedText = """
        src/jobs/report.ts:2:19: warning[multiple-client-instances]: new PrismaClient() creates another client with its own connection pool (2 instances in this project)
        src/services/twins.ts:4:33: error[read-in-retry]: prisma.user.count is a read wrapped in executeWithRetry: retrying reads under a full connection pool only adds load; call it directly (prisma-codemod apply unwrap-reads) (wrapper at 4:10)
        src/services/twins.ts:8:33: error[read-in-retry]: prisma.user.count is a read wrapped in executeWithRetry: retrying reads under a full connection pool only adds load; call it directly (prisma-codemod apply unwrap-reads) (wrapper at 8:10)
        src/utils/prisma.ts:2:23: warning[multiple-client-instances]: new PrismaClient() creates another client with its own connection pool (2 instances in this project)

        """

    func testOutputFileHoldsTheReportForEveryFormatAndTheSummaryStaysOnStderr() throws {
        let root = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        XCTAssertEqual(try tool(["check"], in: root).stdout, expectedText)
        for format in ["text", "json", "sarif", "github", "gitlab"] {
            let plain = try tool(["check", "--format", format], in: root)
            let written = try tool(["check", "--format", format, "-o", "reports/check.\(format)"], in: root)
            XCTAssertEqual(written.status, 1, written.stderr)
            XCTAssertEqual(written.stdout, "", format)
            XCTAssertEqual(try String(contentsOf: root.appendingPathComponent("reports/check.\(format)"), encoding: .utf8), plain.stdout, format)
            XCTAssertTrue(written.stderr.contains("check: 2 error(s), 2 warning(s); report written to reports/check.\(format)\n"), written.stderr)
        }
        // The report file is data: never coloured, whatever the environment says.
        let forced = try tool(["check", "--output", "forced.txt"], in: root, environment: ["FORCE_COLOR": "1"])
        XCTAssertEqual(forced.status, 1)
        XCTAssertEqual(try String(contentsOf: root.appendingPathComponent("forced.txt"), encoding: .utf8), expectedText)

        let inventory = try tool(["inventory", "--format", "json"], in: root)
        XCTAssertEqual(try tool(["inventory", "--format", "json", "-o", "inventory.json"], in: root).stdout, "")
        XCTAssertEqual(try String(contentsOf: root.appendingPathComponent("inventory.json"), encoding: .utf8), inventory.stdout)

        let diff = try tool(["diff", "unwrap-reads"], in: root)
        let saved = try tool(["diff", "unwrap-reads", "-o", "unwrap.patch"], in: root, environment: ["FORCE_COLOR": "1"])
        XCTAssertEqual(saved.stdout, "")
        XCTAssertTrue(saved.stderr.contains("would change"), saved.stderr)
        XCTAssertEqual(try String(contentsOf: root.appendingPathComponent("unwrap.patch"), encoding: .utf8), diff.stdout)
        XCTAssertTrue(diff.stdout.contains("+  return await prisma.user.count();") || diff.stdout.contains("+  return prisma.user.count();"), diff.stdout)
        XCTAssertEqual(try git(["apply", "--check", "unwrap.patch"], in: root).status, 0)

        let unwritable = try tool(["check", "-o", "src/utils/prisma.ts/report.txt"], in: root)
        XCTAssertEqual(unwritable.status, 2)
        XCTAssertTrue(unwritable.stderr.contains("error: ") && unwritable.stderr.contains("src/utils/prisma.ts"), unwritable.stderr)
        XCTAssertEqual(unwritable.stdout, "")
    }

    /// ESLint's --quiet: errors only, in every format; warnings still count for --max-warnings.
    func testQuietReportsErrorsOnlyAndMaxWarningsCountsThem() throws {
        let root = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        let quiet = try tool(["check", "--quiet"], in: root)
        XCTAssertEqual(quiet.status, 1)
        XCTAssertEqual(quiet.stdout, expectedText.split(separator: "\n").filter { $0.contains(": error[") }.map { $0 + "\n" }.joined())
        XCTAssertTrue(quiet.stderr.contains("check: 2 error(s), 2 warning(s) (not shown: --quiet)"), quiet.stderr)
        let quietJSON = try tool(["check", "--quiet", "--format", "json"], in: root)
        let findings = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(quietJSON.stdout.utf8)) as? [String: Any])?["findings"] as? [[String: Any]])
        XCTAssertEqual(findings.map { $0["severity"] as? String }, ["error", "error"])

        // Warnings only: read-in-retry off for this run.
        XCTAssertEqual(try tool(["check", "--off", "read-in-retry", "--max-warnings", "2"], in: root).status, 0)
        let over = try tool(["check", "--off", "read-in-retry", "--max-warnings", "1"], in: root)
        XCTAssertEqual(over.status, 1)
        XCTAssertTrue(over.stderr.contains("check: 2 warning(s), more than --max-warnings 1"), over.stderr)
        let quietOver = try tool(["check", "--off", "read-in-retry", "--quiet", "--max-warnings", "0"], in: root)
        XCTAssertEqual(quietOver.status, 1, "hidden warnings still count")
        XCTAssertEqual(quietOver.stdout, "")
        XCTAssertEqual(try tool(["check", "--off", "read-in-retry"], in: root).status, 0, "without --max-warnings, warnings pass")

        let negative = try tool(["check", "--max-warnings=-1"], in: root)
        XCTAssertEqual(negative.status, 2)
        XCTAssertTrue(negative.stderr.contains("--max-warnings takes a number of at least 0, got -1"), negative.stderr)
    }

    /// --error/--warn/--off re-grade checks for one run, over what prisma-codemod.yaml says.
    func testCommandLineSeveritiesOverrideTheRulesFiles() throws {
        let root = try project(["prisma-codemod.yaml": "checks:\n  - id: multiple-client-instances\n    severity: error\n"
                                + "  - id: write-without-retry\n    enabled: true\n    severity: error\n",
                                "src/services/add.ts": "import { prisma } from '../utils/prisma';\nexport const add = () => prisma.task.create({ data: {} });\n",
                                "src/services/mixed.ts": """
                                    import { prisma, executeWithRetry } from '../utils/prisma';
                                    export const log = () => executeWithRetry(async () => {
                                      const users = await prisma.user.findMany();
                                      await prisma.log.create({ data: { count: users.length } });
                                    });

                                    """])
        defer { try? FileManager.default.removeItem(at: root) }
        func severities(_ arguments: [String]) throws -> [String: Set<String>] {
            let result = try tool(["check", "--format", "json"] + arguments, in: root)
            XCTAssertNotEqual(result.status, 2, result.stderr)
            let findings = (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["findings"] as? [[String: Any]] ?? []
            return findings.reduce(into: [:]) { $0[$1["rule"] as? String ?? "", default: []].insert($1["severity"] as? String ?? "") }
        }
        XCTAssertEqual(try severities([]), ["read-in-retry": ["error"], "multiple-client-instances": ["error"], "write-without-retry": ["error"]])
        XCTAssertEqual(try severities(["--warn", "multiple-client-instances", "--off", "write-without-retry", "--warn", "read-in-retry"]),
                       ["read-in-retry": ["warning"], "multiple-client-instances": ["warning"]])
        let warned = try tool(["check", "--warn", "multiple-client-instances", "--warn", "read-in-retry", "--off", "write-without-retry"], in: root)
        XCTAssertEqual(warned.status, 0, "no error left: " + warned.stdout)
        // A check off by default, switched on by --error or --warn.
        XCTAssertEqual(try severities(["--error", "mixed-retry-block", "--off", "read-in-retry", "--off", "multiple-client-instances",
                                       "--off", "write-without-retry"]), ["mixed-retry-block": ["error"]])
        XCTAssertEqual(try severities(["--warn", "mixed-retry-block"])["mixed-retry-block"], ["warning"])

        let unknown = try tool(["check", "--error", "read-in-retyr"], in: root)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("--error: unknown check 'read-in-retyr' (known: read-in-retry, retry-inside-transaction, "
                                              + "write-without-retry, mixed-retry-block, unclassified-raw-query, multiple-client-instances, unused-suppression)"),
                      unknown.stderr)
        XCTAssertEqual(unknown.stdout, "")
        let twice = try tool(["check", "--warn", "read-in-retry", "--off", "read-in-retry"], in: root)
        XCTAssertEqual(twice.status, 2)
        XCTAssertTrue(twice.stderr.contains("read-in-retry is given both --warn and --off"), twice.stderr)
    }

    func testGitLabCodeQualityReport() throws {
        let root = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try tool(["check", "--format", "gitlab"], in: root)
        XCTAssertEqual(result.status, 1)
        let issues = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(issues.count, 4)
        for issue in issues {
            XCTAssertEqual(Set(issue.keys), ["description", "check_name", "fingerprint", "severity", "location"])
            let location = try XCTUnwrap(issue["location"] as? [String: Any])
            XCTAssertNotNil(location["path"] as? String)
            XCTAssertNotNil((location["lines"] as? [String: Any])?["begin"] as? Int)
        }
        XCTAssertEqual(issues.map { $0["severity"] as? String }, ["minor", "major", "major", "minor"])
        XCTAssertEqual(issues.map { ($0["location"] as? [String: Any])?["path"] as? String },
                       ["src/jobs/report.ts", "src/services/twins.ts", "src/services/twins.ts", "src/utils/prisma.ts"])
        XCTAssertEqual(Set(issues.compactMap { $0["fingerprint"] as? String }).count, 4, "identical calls get distinct fingerprints")
    }

    /// SARIF: schema-valid, with rule help and full descriptions, regions with ends, `%SRCROOT%`
    /// declared, and fingerprints that tell identical calls apart and survive lines added above.
    func testSARIFFingerprintsMetadataAndRegions() throws {
        let schema = repositoryRoot.appendingPathComponent(".fetched/sarif-schema-2.1.0.json")
        XCTAssertTrue(FileManager.default.fileExists(atPath: schema.path), "run scripts/setup.sh to fetch the SARIF schema")
        let root = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        XCTAssertEqual(try tool(["check", "--format", "sarif", "-o", "before.sarif"], in: root).status, 1)
        let twins = root.appendingPathComponent("src/services/twins.ts")
        try Data(("// a header\nexport const version = 2;\n\n" + Self.twins + "export const third = () => executeWithRetry(() => prisma.user.count());\n").utf8)
            .write(to: twins)
        XCTAssertEqual(try tool(["check", "--format", "sarif", "-o", "after.sarif"], in: root).status, 1)
        let validate = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            def load(name):
                log = json.load(open(name))
                jsonschema.validate(log, schema)
                return log["runs"][0]
            before, after = load("before.sarif"), load("after.sarif")
            base = before["originalUriBaseIds"]["%SRCROOT%"]
            assert base["uri"] == sys.argv[2], base
            for rule in before["tool"]["driver"]["rules"]:
                assert rule["help"]["text"] and rule["help"]["markdown"], rule
                assert rule["fullDescription"]["text"].startswith(rule["shortDescription"]["text"] + " "), rule
                assert rule["fullDescription"]["text"] != rule["shortDescription"]["text"]
            def fingerprints(run):
                out = []
                for result in run["results"]:
                    location = result["locations"][0]["physicalLocation"]
                    region = location["region"]
                    assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
                    assert (region["endLine"], region["endColumn"]) > (region["startLine"], region["startColumn"]), region
                    out.append((location["artifactLocation"]["uri"], region["startLine"], region["endLine"], region["endColumn"],
                                result["partialFingerprints"]["prismaCodemodFindingHash/v1"]))
                return out
            b, a = fingerprints(before), fingerprints(after)
            twins = [f for f in b if f[0] == "src/services/twins.ts"]
            assert len(twins) == 2 and twins[0][4] != twins[1][4], twins
            assert twins[0][4].split(":")[0] == twins[1][4].split(":")[0] and [f[4][-2:] for f in twins] == [":1", ":2"], twins
            assert [f[1:4] for f in twins] == [(4, 4, 53), (8, 8, 53)], twins
            assert len(set(f[4] for f in b)) == len(b)
            moved = [f for f in a if f[0] == "src/services/twins.ts"]
            assert [f[1] for f in moved] == [7, 11, 13], moved
            assert [f[4] for f in moved[:2]] == [f[4] for f in twins], (moved, twins)
            assert moved[2][4].endswith(":3")
            assert [f[4] for f in a if f[0] != "src/services/twins.ts"] == [f[4] for f in b if f[0] != "src/services/twins.ts"]
            print("ok")
            """, schema.path, URL(fileURLWithPath: root.path, isDirectory: true).absoluteString], in: root)
        XCTAssertEqual(validate.status, 0, validate.stderr)
        XCTAssertEqual(validate.stdout, "ok\n")
    }
}

/// Colour: `--color`, `FORCE_COLOR`, `NO_COLOR` and `TERM=dumb`, decided for each stream alone.
final class ColorCLITests: XCTestCase {
    private static let ansi = "\u{1B}["

    private func project() throws -> URL {
        try temporaryProject(["package.json": "{}\n", "src/utils/prisma.ts": ReportOutputCLITests.central,
                              "src/services/twins.ts": ReportOutputCLITests.twins,
                              "src/jobs/report.ts": ReportOutputCLITests.reporting],
                             prefix: "prisma-codemod-color")
    }

    /// Runs the tool with stdout (and, with `stderrOnTerminal`, stderr) on a pseudo-terminal,
    /// the other stream into a file; FORCE_COLOR, NO_COLOR and TERM as `environment` says.
    private func onTerminal(_ arguments: [String], in directory: URL, environment: [String: String] = [:], input: String = "",
                            stderrOnTerminal: Bool = false) throws -> (terminal: String, stderr: String, status: Int32) {
        let script = """
            import json, os, pty, subprocess, sys, tempfile
            env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR", "TERM")}
            env["TERM"] = "xterm-256color"
            env.update(json.loads(sys.argv[1]))
            master, slave = pty.openpty()
            err = tempfile.TemporaryFile()
            process = subprocess.Popen(sys.argv[3:], stdin=subprocess.PIPE, stdout=slave,
                                       stderr=slave if sys.argv[2] == "1" else err, env=env)
            os.close(slave)
            process.stdin.write(sys.stdin.buffer.read())
            process.stdin.close()
            chunks = []
            while True:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                chunks.append(chunk)
            status = process.wait()
            err.seek(0)
            json.dump({"terminal": b"".join(chunks).decode(), "stderr": err.read().decode(), "status": status}, sys.stdout)
            """
        let environmentJSON = String(decoding: try JSONSerialization.data(withJSONObject: environment), as: UTF8.self)
        let result = try runProcess(URL(fileURLWithPath: "/usr/bin/env"),
                                    ["python3", "-c", script, environmentJSON, stderrOnTerminal ? "1" : "0", toolURL.path] + arguments,
                                    in: directory, input: input)
        let decoded = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stderr)
        return (decoded["terminal"] as? String ?? "", decoded["stderr"] as? String ?? "", Int32(decoded["status"] as? Int ?? -1))
    }

    func testCheckColoursSeveritiesOnATerminalOnly() throws {
        let root = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        let terminal = try onTerminal(["check"], in: root)
        XCTAssertEqual(terminal.status, 1)
        XCTAssertTrue(terminal.terminal.contains("src/services/twins.ts:4:33: \u{1B}[1m\u{1B}[31merror\u{1B}[0m[\u{1B}[2mread-in-retry\u{1B}[0m]: "),
                      terminal.terminal)
        XCTAssertTrue(terminal.terminal.contains("\u{1B}[33mwarning\u{1B}[0m[\u{1B}[2mmultiple-client-instances\u{1B}[0m]"), terminal.terminal)
        XCTAssertFalse(terminal.stderr.contains(Self.ansi), terminal.stderr)
        for (environment, arguments) in [(["NO_COLOR": "1"], []), (["TERM": "dumb"], []), (["FORCE_COLOR": "0"], []),
                                          ([:], ["--color", "never"]), (["FORCE_COLOR": "1"], ["--color", "never"])] {
            let plain = try onTerminal(["check"] + arguments, in: root, environment: environment)
            XCTAssertEqual(plain.status, 1)
            XCTAssertTrue(plain.terminal.contains("src/services/twins.ts:4:33: error[read-in-retry]: "), "\(environment) \(arguments)")
            XCTAssertFalse(plain.terminal.contains(Self.ansi), "\(environment) \(arguments): \(plain.terminal)")
        }
        // An empty NO_COLOR is no request; FORCE_COLOR wins over NO_COLOR, --color over both.
        XCTAssertTrue(try onTerminal(["check"], in: root, environment: ["NO_COLOR": ""]).terminal.contains(Self.ansi))

        // Not a terminal (a pipe): plain unless forced.
        XCTAssertFalse(try tool(["check"], in: root).stdout.contains(Self.ansi))
        for (environment, arguments) in [(["FORCE_COLOR": "1"], []), (["FORCE_COLOR": "true", "NO_COLOR": "1"], []),
                                          (["FORCE_COLOR": "0"], ["--color", "always"]), (["NO_COLOR": "1"], ["--color", "always"])] {
            let forced = try tool(["check"] + arguments, in: root, environment: environment)
            XCTAssertTrue(forced.stdout.contains("\u{1B}[1m\u{1B}[31merror\u{1B}[0m"), "\(environment) \(arguments)")
            XCTAssertFalse(forced.stderr.contains(Self.ansi), "the summary is never coloured")
        }
        let bad = try tool(["check", "--color", "sometimes"], in: root)
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("sometimes"), bad.stderr)
    }

    /// `apply -i 2>file` with stdout on a terminal: the diffs it shows go to stderr, a file here,
    /// so no escape codes; with stderr on the terminal they are coloured.
    func testInteractiveApplyColoursItsStderrByStderrAlone() throws {
        let root = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        let toFile = try onTerminal(["apply", "unwrap-reads", "-i"], in: root, input: "n\n")
        XCTAssertEqual(toFile.status, 0, toFile.stderr)
        XCTAssertTrue(toFile.stderr.contains("-  return executeWithRetry(() => prisma.user.count());"), toFile.stderr)
        XCTAssertTrue(toFile.stderr.contains("apply to src/services/twins.ts? [y]es/[n]o/[a]ll/[q]uit"), toFile.stderr)
        XCTAssertFalse(toFile.stderr.contains(Self.ansi), toFile.stderr)

        let onTerminal = try onTerminal(["apply", "unwrap-reads", "-i"], in: root, input: "n\n", stderrOnTerminal: true)
        XCTAssertEqual(onTerminal.status, 0, onTerminal.terminal)
        XCTAssertTrue(onTerminal.terminal.contains("\u{1B}[31m-  return executeWithRetry(() => prisma.user.count());\u{1B}[0m"), onTerminal.terminal)
        let dumb = try self.onTerminal(["apply", "unwrap-reads", "-i"], in: root, environment: ["TERM": "dumb"], input: "n\n", stderrOnTerminal: true)
        XCTAssertTrue(dumb.terminal.contains("-  return executeWithRetry(() => prisma.user.count());"), dumb.terminal)
        XCTAssertFalse(dumb.terminal.contains(Self.ansi), dumb.terminal)
        XCTAssertEqual(try String(contentsOf: root.appendingPathComponent("src/services/twins.ts"), encoding: .utf8),
                       ReportOutputCLITests.twins, "answered no: nothing written")
    }

    func testDiffOnATerminalIsColouredAndNotThroughAPipe() throws {
        let root = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        let terminal = try onTerminal(["diff", "unwrap-reads"], in: root)
        XCTAssertTrue(terminal.terminal.contains("\u{1B}[36m@@ "), terminal.terminal)
        XCTAssertFalse(terminal.stderr.contains(Self.ansi), terminal.stderr)
        XCTAssertFalse(try tool(["diff", "unwrap-reads"], in: root).stdout.contains(Self.ansi))
        XCTAssertTrue(try tool(["diff", "unwrap-reads", "--color", "always"], in: root).stdout.contains("\u{1B}[36m@@ "))
    }
}

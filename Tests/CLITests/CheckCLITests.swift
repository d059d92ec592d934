import Foundation
import XCTest

final class CheckCLITests: XCTestCase {
    private func project(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("prisma-codemod-check-\(UUID().uuidString)")
        var all = files
        all["package.json"] = "{}\n"
        all["src/utils/prisma.ts"] = all["src/utils/prisma.ts"] ?? """
            import { PrismaClient } from '@prisma/client';
            export const prisma = new PrismaClient();
            export const executeWithRetry = <T>(operation: () => Promise<T>) => operation();

            """
        for (path, text) in all {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try git(["init", "-q"], in: root)
        return root
    }

    private let sample = """
        import { prisma, executeWithRetry } from '../utils/prisma';

        export async function load(id: number) {
          const user = await executeWithRetry(() => prisma.user.findUnique({ where: { id } }));
          // prisma-codemod-ignore-next-line read-in-retry
          const count = await executeWithRetry(() => prisma.user.count());
          // prisma-codemod-ignore-next-line read-in-retry
          const nothing = 1;
          await prisma.$transaction(async (tx) => {
            await executeWithRetry(() => tx.task.update({ where: { id }, data: {} }));
          });
          return { user, count, nothing };
        }

        """

    func testRulesSuppressionsAndTextFormat() throws {
        let root = try project(["src/controllers/a.ts": sample])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try tool(["check", "."], in: root)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdout, """
            src/controllers/a.ts:4:45: error[read-in-retry]: prisma.user.findUnique is a read wrapped in executeWithRetry: retrying reads under a full connection pool only adds load; call it directly (prisma-codemod apply unwrap-reads) (wrapper at 4:22)
            src/controllers/a.ts:7:3: warning[unused-suppression]: this prisma-codemod-ignore-next-line read-in-retry suppresses nothing; remove it
            src/controllers/a.ts:10:34: error[retry-inside-transaction]: executeWithRetry inside a $transaction retries one statement of a transaction; retry the whole $transaction(...) call instead (wrapper at 10:11)

            """)
        XCTAssertEqual(try tool(["check", "."], in: root).stdout, result.stdout, "stable across runs")
    }

    /// A bare directive silences every rule on the next line, `-- reason` is a note, the
    /// same-line form silences its own line; `unwrap-reads` leaves what they silence for
    /// `read-in-retry`, and the check then still counts them as used.
    func testSuppressionFormsBindCheckAndTransform() throws {
        let root = try project(["src/controllers/a.ts": """
            import { prisma, executeWithRetry } from '../utils/prisma';

            export async function load(id: number) {
              // prisma-codemod-ignore-next-line read-in-retry -- the replica lags
              const user = await executeWithRetry(() => prisma.user.findUnique({ where: { id } }));
              // prisma-codemod-ignore-next-line
              const roles = await executeWithRetry(() => prisma.role.findMany());
              const total = await executeWithRetry(() => prisma.task.count()); // prisma-codemod-ignore-line read-in-retry
              const count = await executeWithRetry(() => prisma.user.count());
              // prisma-codemod-ignore-next-line
              const nothing = 1;
              return { user, roles, total, count, nothing };
            }

            """])
        defer { try? FileManager.default.removeItem(at: root) }
        let expectedCheck = """
            src/controllers/a.ts:9:46: error[read-in-retry]: prisma.user.count is a read wrapped in executeWithRetry: retrying reads under a full connection pool only adds load; call it directly (prisma-codemod apply unwrap-reads) (wrapper at 9:23)
            src/controllers/a.ts:10:3: warning[unused-suppression]: this prisma-codemod-ignore-next-line suppresses nothing; remove it

            """
        XCTAssertEqual(try tool(["check", "."], in: root).stdout, expectedCheck)

        let apply = try tool(["apply", "unwrap-reads", "."], in: root)
        XCTAssertEqual(apply.status, 0, apply.stderr)
        for line in ["left src/controllers/a.ts:5:45: prisma.user.findUnique: suppressed (prisma-codemod-ignore-next-line read-in-retry): the replica lags (wrapper at 5:22)",
                     "left src/controllers/a.ts:7:46: prisma.role.findMany: suppressed (prisma-codemod-ignore-next-line) (wrapper at 7:23)",
                     "left src/controllers/a.ts:8:46: prisma.task.count: suppressed (prisma-codemod-ignore-line read-in-retry) (wrapper at 8:23)"] {
            XCTAssertTrue(apply.stderr.contains(line), apply.stderr)
        }
        let after = try String(contentsOf: root.appendingPathComponent("src/controllers/a.ts"), encoding: .utf8)
        XCTAssertTrue(after.contains("  const count = await prisma.user.count();\n"), after)
        XCTAssertEqual(after.components(separatedBy: "executeWithRetry(").count - 1, 3, "the three suppressed retries stay")
        XCTAssertEqual(try tool(["check", "."], in: root).stdout, """
            src/controllers/a.ts:10:3: warning[unused-suppression]: this prisma-codemod-ignore-next-line suppresses nothing; remove it

            """, "the suppressions the transform honoured are used")
    }

    func testConfigurableWarningsDoNotFailTheBuild() throws {
        let root = try project([
            "src/b.ts": "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport const add = () => prisma.task.create({ data: {} });\n",
            "prisma-codemod.yaml": "checks:\n  - id: write-without-retry\n    enabled: true\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try tool(["check", "."], in: root)
        XCTAssertEqual(result.status, 0, "warnings only: " + result.stdout)
        XCTAssertTrue(result.stdout.contains("src/b.ts:2:16: warning[multiple-client-instances]: new PrismaClient() creates another client with its own connection pool (2 instances in this project)"), result.stdout)
        XCTAssertTrue(result.stdout.contains("src/b.ts:3:26: warning[write-without-retry]: prisma.task.create is a write without executeWithRetry"), result.stdout)

        try Data("checks:\n  - id: multiple-client-instances\n    enabled: false\n".utf8).write(to: root.appendingPathComponent("prisma-codemod.yaml"))
        XCTAssertEqual(try tool(["check", "."], in: root).stdout, "")

        try Data("checks:\n  - id: read-in-retry\n    severity: fatal\n".utf8).write(to: root.appendingPathComponent("prisma-codemod.yaml"))
        let bad = try tool(["check", "."], in: root)
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("prisma-codemod.yaml:3: severity must be error, warning or note"), bad.stderr)

        try Data("checks:\n  - id: multiple-client-instances\n    severity: error\n  - id: nope\n    enabled: false\n".utf8)
            .write(to: root.appendingPathComponent("prisma-codemod.yaml"))
        let unknown = try tool(["check", "."], in: root)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("prisma-codemod.yaml:4: unknown check 'nope' (known: read-in-retry, retry-inside-transaction, "
                                              + "write-without-retry, mixed-retry-block, unclassified-raw-query, multiple-client-instances, unused-suppression)"), unknown.stderr)

        try Data("checks:\n  - id: multiple-client-instances\n    severity: error\n".utf8).write(to: root.appendingPathComponent("prisma-codemod.yaml"))
        let regraded = try tool(["check", "."], in: root)
        XCTAssertEqual(regraded.status, 1, "re-graded to error: " + regraded.stdout)
        XCTAssertTrue(regraded.stdout.contains("src/b.ts:2:16: error[multiple-client-instances]: "), regraded.stdout)
    }

    func testBaselineReportsOnlyNewFindingsAcrossUnrelatedEdits() throws {
        let root = try project(["src/controllers/a.ts": sample])
        defer { try? FileManager.default.removeItem(at: root) }
        let write = try tool(["check", ".", "--write-baseline", "baseline.json"], in: root)
        XCTAssertEqual(write.status, 0, write.stderr)
        XCTAssertEqual(try tool(["check", ".", "--baseline", "baseline.json"], in: root).status, 0)

        // Lines move: the baseline still matches. A new wrapped read is reported.
        let moved = "// a new header comment\n\n" + sample + """
            export const more = async () => executeWithRetry(() => prisma.role.findMany());

            """
        try Data(moved.utf8).write(to: root.appendingPathComponent("src/controllers/a.ts"))
        let result = try tool(["check", ".", "--baseline", "baseline.json"], in: root)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdout.split(separator: "\n").count, 1, result.stdout)
        XCTAssertTrue(result.stdout.contains("prisma.role.findMany"))
        XCTAssertTrue(result.stderr.contains("3 known from the baseline"), result.stderr)

        try Data("{\"version\": 9, \"findings\": []}".utf8).write(to: root.appendingPathComponent("bad.json"))
        let bad = try tool(["check", ".", "--baseline", "bad.json"], in: root)
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("bad.json: baseline version 9 is not supported"), bad.stderr)
    }

    /// A file with no Prisma text (no client, helper, Prisma method or client-module import)
    /// is not parsed by any command: a syntax error there is the compiler's to report, and
    /// skipping it is most of what makes a large backend cheap. One with Prisma text is.
    func testAFileWithoutPrismaTextIsNotParsedOneWithItIs() throws {
        let root = try project(["src/controllers/a.ts": sample, "src/legacy.ts": "export const x = (;\n",
                                "src/half.ts": "import { prisma } from './utils/prisma';\nexport const y = (;\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        for command in [["check", "."], ["inventory", "."], ["diff", "unwrap-reads", "."]] {
            let result = try tool(command, in: root)
            XCTAssertEqual(result.status, 2, "\(command): half.ts does not parse")
            XCTAssertTrue(result.stderr.contains("src/half.ts:2:"), "\(command): \(result.stderr)")
            XCTAssertFalse((result.stdout + result.stderr).contains("legacy.ts"), "\(command): \(result.stdout)\(result.stderr)")
        }
        try FileManager.default.removeItem(at: root.appendingPathComponent("src/half.ts"))
        let clean = try tool(["check", "."], in: root)
        XCTAssertEqual(clean.status, 1, "the sample's findings, and nothing failed: \(clean.stderr)")
        XCTAssertFalse(clean.stderr.contains("legacy.ts"), clean.stderr)
    }

    /// `check` parses only a file's statements with Prisma text (and its imports): a syntax
    /// error in another top-level statement is not seen. Where a left-out statement uses what
    /// the analysis follows (`c`, the client under another name), the file is parsed whole.
    func testStatementsWithoutPrismaTextAreLeftOutUnlessTheAnalysisNeedsThem() throws {
        let root = try project([
            "src/services/helpers.ts": """
                import { prisma, executeWithRetry } from '../utils/prisma';
                export const pad = (s: string) => s.padStart(4, '0');
                export const broken = () => 1 +;
                export const load = () => executeWithRetry(() => prisma.user.findMany());

                """,
            "src/services/alias.ts": """
                import { prisma } from '../utils/prisma';
                const c = prisma;
                export function delegate() { return c.product; }
                export const n = 1;

                """,
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try tool(["check", ".", "--format", "json"], in: root)
        XCTAssertEqual(result.status, 1, result.stderr)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try XCTUnwrap(report["findings"] as? [[String: Any]])
        XCTAssertEqual(findings.map { "\($0["path"] ?? "") \($0["rule"] ?? "") \($0["line"] ?? "")" }, ["src/services/helpers.ts read-in-retry 4"])
        XCTAssertEqual((report["failed"] as? [Any])?.count ?? 0, 0)
        let unchecked = try XCTUnwrap(report["unchecked"] as? [[String: Any]])
        XCTAssertTrue(unchecked.contains { ($0["path"] as? String) == "src/services/alias.ts" && ($0["reason"] as? String)?.contains("c.product") == true },
                      "\(unchecked)")
    }

    func testJSONAndGitHubFormats() throws {
        let root = try project(["src/controllers/a.ts": sample, "src/broken.ts": "export const x = (;\n// prisma.user.findMany()\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let json = try tool(["check", ".", "--format", "json"], in: root)
        XCTAssertEqual(json.status, 2, "a file failed to parse")
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((report["findings"] as? [Any])?.count, 3)
        let failed = try XCTUnwrap((report["failed"] as? [[String: Any]])?.first)
        XCTAssertEqual(failed["path"] as? String, "src/broken.ts")
        XCTAssertEqual(failed["line"] as? Int, 1)

        let github = try tool(["check", ".", "--format", "github"], in: root)
        let pattern = try NSRegularExpression(pattern: #"^::(error|warning|notice)( file=[^,:]+(,line=\d+,col=\d+)?(,title=[^:]+)?)?::[^\r\n]+$"#)
        let lines = github.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 4)
        for line in lines {
            XCTAssertNotNil(pattern.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)), line)
        }
        XCTAssertTrue(lines[0].hasPrefix("::error file=src/controllers/a.ts,line=4,col=45,title=prisma-codemod read-in-retry::"), lines[0])
        // The Prisma call's position, with the retry call around it as the wrapper.
        let first = try XCTUnwrap((report["findings"] as? [[String: Any]])?.first)
        XCTAssertEqual([first["line"] as? Int, first["column"] as? Int], [4, 45])
        XCTAssertEqual(first["wrapper"] as? [String: Int], ["line": 4, "column": 22])
        XCTAssertTrue(lines.contains { $0.hasPrefix("::error file=src/broken.ts,line=1,col=") })
    }

    /// The SARIF log validates against the OASIS 2.1.0 schema (fetched by scripts/setup.sh).
    func testSARIFValidatesAgainstTheSchema() throws {
        let schema = repositoryRoot.appendingPathComponent(".fetched/sarif-schema-2.1.0.json")
        XCTAssertTrue(FileManager.default.fileExists(atPath: schema.path), "run scripts/setup.sh to fetch the SARIF schema")
        let root = try project(["src/controllers/a.ts": sample, "src/broken.ts": "export const x = (;\n// prisma.user.findMany()\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let sarif = try tool(["check", ".", "--format", "sarif"], in: root)
        XCTAssertEqual(sarif.status, 2)
        let log = root.appendingPathComponent("out.sarif")
        try Data(sarif.stdout.utf8).write(to: log)
        let validate = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            log = json.load(open(sys.argv[2]))
            jsonschema.validate(log, schema)
            run = log["runs"][0]
            assert log["version"] == "2.1.0"
            rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
            for result in run["results"]:
                assert rules[result["ruleIndex"]] == result["ruleId"]
                location = result["locations"][0]["physicalLocation"]
                assert not location["artifactLocation"]["uri"].startswith("/")
                assert location["region"]["startLine"] >= 1
            print(len(run["results"]), len(run["invocations"][0]["toolExecutionNotifications"]))
            """, schema.path, log.path], in: root)
        XCTAssertEqual(validate.status, 0, validate.stderr)
        XCTAssertEqual(validate.stdout, "3 1\n")
    }
}

extension CheckCLITests {
    /// Columns count code points, not UTF-8 bytes: umlauts before a finding or a syntax error
    /// (in bytes these would be 63 and 22).
    func testColumnsCountCharactersNotBytes() throws {
        let root = try project([
            "src/controllers/ä.ts": "import { prisma, executeWithRetry } from '../utils/prisma';\nexport const ü = async () => { /* größe */ const n = await executeWithRetry(() => prisma.user.count()); return n; };\n",
            "src/controllers/broken.ts": "const straße = 'ß' + (;\n// prisma\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try tool(["check", "."], in: root)
        XCTAssertTrue(result.stdout.contains("src/controllers/ä.ts:2:83: error[read-in-retry]"), result.stdout)
        XCTAssertTrue(result.stdout.contains("(wrapper at 2:60)\n"), result.stdout)
        XCTAssertTrue(result.stderr.contains("src/controllers/broken.ts:1:20:"), result.stderr)
    }
}

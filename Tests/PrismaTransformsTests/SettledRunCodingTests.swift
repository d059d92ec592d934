import CodemodCore
import PrismaRules
@testable import PrismaTransforms
import XCTest

/// The whole run's stored report decodes to exactly the findings stored: paths grouped,
/// texts numbered once, and a damaged number is a miss, never another finding.
final class SettledRunCodingTests: XCTestCase {
    private func finding(_ path: String, _ line: Int, rule: String = "read-in-retry", severity: CheckSeverity = .error,
                         message: String = "prisma.user.count is a read wrapped in executeWithRetry",
                         code: String = "prisma.user.count()", wrapper: SourcePosition? = nil) -> Finding {
        Finding(rule: rule, severity: severity, path: path, line: line, column: 3, endLine: line + 1, endColumn: 9,
                message: message, code: code, wrapper: wrapper)
    }

    func testFindingsSurviveTheRoundTrip() throws {
        let findings = [
            finding("src/a.ts", 1, wrapper: SourcePosition(line: 1, column: 1)),
            finding("src/a.ts", 4, rule: "retry-inside-transaction", severity: .warning, message: "another"),
            finding("src/b/ä.ts", 2, severity: .note, message: "größe: \"quoted\"\n", code: ""),
            finding("src/a.ts", 9),  // the same path again after another: a group of its own
            finding("src/c.ts", 1, message: "", code: "x"),
        ]
        let unchecked = [UncheckedSite(path: "src/d.ts", line: 3, column: 1, reason: "picks a model by name")]
        for run in [Checker.SettledRun(findings: findings, unchecked: unchecked), Checker.SettledRun(findings: [], unchecked: [])] {
            var writer = CacheWriter()
            run.write(to: &writer)
            var reader = CacheReader(writer.bytes)
            let decoded = try Checker.SettledRun(from: &reader)
            XCTAssertTrue(reader.atEnd)
            XCTAssertEqual(decoded.findings, run.findings)
            XCTAssertEqual(decoded.unchecked, run.unchecked)
        }
    }

    func testAnOutOfRangeTextNumberIsDamage() {
        var writer = CacheWriter()
        writer.strings(["only"])
        writer.unsigned(1)  // one group
        writer.string("src/a.ts")
        writer.unsigned(1)  // one finding
        writer.int(5)  // no text 5
        var reader = CacheReader(writer.bytes)
        XCTAssertThrowsError(try Checker.SettledRun(from: &reader))
    }
}

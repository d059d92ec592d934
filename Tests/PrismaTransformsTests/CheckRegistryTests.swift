import CodemodCore
import Foundation
import PrismaRules
import PrismaTransforms
import XCTest

/// The registry combines the check types with what the rules files say of them.
final class CheckRegistryTests: XCTestCase {
    func testIdsAreUniqueKebabCaseAndSummariesOneSentence() {
        let ids = CheckRegistry.all.map { $0.id }
        XCTAssertEqual(Set(ids).count, ids.count, "\(ids)")
        for check in CheckRegistry.all {
            XCTAssertNotNil(check.id.range(of: "^[a-z]+(-[a-z]+)*$", options: .regularExpression), check.id)
            XCTAssertTrue(check.summary.hasSuffix(".") && !check.summary.contains("\n"), check.summary)
            // SARIF's fullDescription and help: whole sentences beyond the summary.
            for text in [check.rationale, check.fix] {
                XCTAssertTrue(text.hasSuffix(".") && !text.contains("\n") && text.count > 40 && text != check.summary, "\(check.id): \(text)")
            }
        }
    }

    /// A violation ends where its code ends (the position after the last character, in code
    /// points, as SARIF's exclusive `endColumn`), over line breaks too.
    func testViolationsEndWhereTheirCodeEnds() {
        let one = Violation(line: 3, column: 5, message: "m", code: "größe")
        XCTAssertEqual([one.endLine, one.endColumn], [3, 10])
        let two = Violation(line: 3, column: 5, message: "m", code: "/* a\r\n  bc */")
        XCTAssertEqual([two.endLine, two.endColumn], [4, 8])
        XCTAssertEqual(two.code, "/* a bc */")
    }

    func testTheBuiltInRulesKeepEachChecksDefaults() throws {
        let rules = CheckRegistry.rules(for: try defaultConfiguration())
        XCTAssertEqual(rules.map(\.id), CheckRegistry.all.map { $0.id })
        XCTAssertEqual(rules.filter { !$0.enabled }.map(\.id), ["write-without-retry", "mixed-retry-block"])
        XCTAssertEqual(rules.map(\.severity.rawValue), ["error", "error", "warning", "note", "note", "warning", "warning"])
    }

    func testOverridesSwitchAndRegradeByIdAndUnknownIdsNameTheirLine() throws {
        var configuration = try defaultConfiguration()
        try RulesLoader.apply(yaml: """
            checks:
              - id: write-without-retry
                enabled: true
                severity: error
              - id: unused-suppression
                enabled: false
            """, file: "prisma-codemod.yaml", to: &configuration)
        XCTAssertNoThrow(try CheckRegistry.validate(configuration))
        let rules = Dictionary(uniqueKeysWithValues: CheckRegistry.rules(for: configuration).map { ($0.id, $0) })
        XCTAssertEqual(rules["write-without-retry"]?.enabled, true)
        XCTAssertEqual(rules["write-without-retry"]?.severity, .error)
        XCTAssertEqual(rules["unused-suppression"]?.enabled, false)
        XCTAssertEqual(rules["unused-suppression"]?.severity, .warning, "not re-graded: the check's default")

        try RulesLoader.apply(yaml: "checks:\n  - id: read-in-retry\n    enabled: true\n  - id: read-in-retyr\n    enabled: false\n",
                              file: "prisma-codemod.yaml", to: &configuration)
        XCTAssertThrowsError(try CheckRegistry.validate(configuration)) { error in
            XCTAssertEqual((error as? CodemodError)?.message, "prisma-codemod.yaml:4: unknown check 'read-in-retyr' (known: read-in-retry, "
                           + "retry-inside-transaction, write-without-retry, mixed-retry-block, unclassified-raw-query, multiple-client-instances, unused-suppression)")
        }
    }

    /// A workspace refuses a repository's unknown check id, whatever the command.
    func testOpeningAWorkspaceValidatesCheckIds() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("checks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("{}\n".utf8).write(to: root.appendingPathComponent("package.json"))
        try Data("checks:\n  - id: no-such-check\n".utf8).write(to: root.appendingPathComponent("prisma-codemod.yaml"))
        XCTAssertThrowsError(try Workspace.open(paths: [root.path], currentDirectory: root)) { error in
            XCTAssertTrue((error as? CodemodError)?.message.hasPrefix("prisma-codemod.yaml:2: unknown check 'no-such-check'") == true, "\(error)")
        }
    }
}

import CodemodCore
import Foundation
import PrismaRules
import PrismaTransforms
import XCTest

/// Runs every registered check's own examples: a triggering example must give exactly the
/// findings its `↓` marks, a non-triggering one none, so a check cannot break unnoticed
/// and a new check is tested by writing its examples.
final class CheckExamplesTests: XCTestCase {
    func testEveryCheckFindsExactlyWhatItsExamplesMark() throws {
        let configuration = try defaultConfiguration()
        // Every check on, so that each example also meets the others (suppressions among them).
        let rules = CheckRegistry.all.map { CheckRule(check: $0, enabled: true, severity: $0.defaultSeverity) }
        for check in CheckRegistry.all {
            XCTAssertFalse(check.triggeringExamples.isEmpty, "\(check.id) has no triggering example")
            XCTAssertFalse(check.nonTriggeringExamples.isEmpty, "\(check.id) has no non-triggering example")
            for (example, triggers) in check.triggeringExamples.map({ ($0, true) }) + check.nonTriggeringExamples.map({ ($0, false) }) {
                let (code, expected) = example.expectation
                if triggers {
                    XCTAssertFalse(expected.isEmpty, "\(check.id): a triggering example marks where with ↓", file: example.file, line: example.line)
                } else {
                    XCTAssertEqual(expected, [], "\(check.id): a non-triggering example marks nothing", file: example.file, line: example.line)
                }
                let findings: [Finding]
                do {
                    findings = try Self.findings(in: code, at: example.path, configuration: configuration, rules: rules)
                } catch {
                    XCTFail("\(check.id): the example does not parse: \(error)", file: example.file, line: example.line)
                    continue
                }
                let found = findings.filter { $0.rule == check.id }
                XCTAssertEqual(found.map { SourcePosition(line: $0.line, column: $0.column) }, expected,
                               "\(check.id): \(found.map(\.message))", file: example.file, line: example.line)
                XCTAssertTrue(found.allSatisfy { $0.severity == check.defaultSeverity && !$0.message.isEmpty && !$0.code.isEmpty },
                              "\(check.id): \(found)", file: example.file, line: example.line)
                XCTAssertTrue(found.allSatisfy { SourcePosition(line: $0.endLine, column: $0.endColumn) > SourcePosition(line: $0.line, column: $0.column) },
                              "\(check.id): every finding ends after it starts: \(found)", file: example.file, line: example.line)
            }
        }
    }

    /// The markers are read in code points, as findings count columns.
    func testMarkersArePlacedInCodePoints() {
        let (code, positions) = CheckExample("const ä = 1;\nconst straße = ↓x;\n↓y").expectation
        XCTAssertEqual(code, "const ä = 1;\nconst straße = x;\ny")
        XCTAssertEqual(positions, [SourcePosition(line: 2, column: 16), SourcePosition(line: 3, column: 1)])
    }

    /// One run of `rules` over a one-file project whose central client module is `src/utils/prisma.ts`.
    static func findings(in code: String, at path: String, configuration: PrismaConfiguration, rules: [CheckRule]) throws -> [Finding] {
        let file = try ParsedFile.clean(path: path, bytes: Array(code.utf8), parsers: ParserSet())
        let context = PrismaContext(configuration: configuration, resolver: ModuleResolver(aliases: []),
                                    centralModulePath: "src/utils/prisma.ts")
        return Checker.run([PrismaFile(file: file, context: context)], rules: rules)
    }
}

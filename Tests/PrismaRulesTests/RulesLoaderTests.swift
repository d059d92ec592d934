import Foundation
import PrismaRules
import XCTest

final class RulesLoaderTests: XCTestCase {
    func testBuiltInRulesClassifyPrismaMethods() throws {
        let configuration = try RulesLoader.load(root: nil)
        XCTAssertEqual(configuration.clientPackage, "@prisma/client")
        XCTAssertEqual(configuration.clientClass, "PrismaClient")
        XCTAssertEqual(configuration.clientExport, "prisma")
        XCTAssertEqual(configuration.retryHelper, "executeWithRetry")
        XCTAssertTrue(configuration.retryHelpers.contains("withDbRetry"))
        for read in ["findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow", "findMany", "count", "aggregate",
                     "groupBy", "$queryRaw", "$queryRawUnsafe", "$queryRawTyped"] {
            XCTAssertEqual(configuration.classify(read), .read, read)
        }
        for write in ["create", "createMany", "createManyAndReturn", "update", "updateMany", "updateManyAndReturn", "upsert",
                      "delete", "deleteMany", "$executeRaw", "$executeRawUnsafe", "$transaction"] {
            XCTAssertEqual(configuration.classify(write), .write, write)
        }
        XCTAssertEqual(configuration.classify("$disconnect"), .other)
        XCTAssertEqual(configuration.phases.map(\.id), [1, 2, 3, 4, 5])
        XCTAssertEqual(configuration.phases.compactMap(\.transform), ["unwrap-reads", "localize-client", "wrap-writes"])
        XCTAssertEqual(configuration.phases[2].only, ["notification.create"])
        XCTAssertEqual(configuration.phases.map(\.bareClient), [false, true, false, false, false])
        XCTAssertEqual(configuration.checks, [], "the checks declare their own defaults; Rules/checks.yaml changes none")
    }

    func testRepositoryOverrideReplacesSections() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("""
            retry:
              helpers: [withDbRetry]
            client:
              centralModule: src/lib/db.ts
            checks:
              - id: write-without-retry
                enabled: true
              - id: read-in-retry
                severity: warning
            """.utf8).write(to: folder.appendingPathComponent("prisma-codemod.yaml"))
        let configuration = try RulesLoader.load(root: folder)
        XCTAssertEqual(configuration.retryHelpers, ["withDbRetry"])
        XCTAssertEqual(configuration.centralModule, "src/lib/db.ts")
        XCTAssertEqual(configuration.checks, [
            CheckOverride(id: "write-without-retry", enabled: true, severity: nil, file: "prisma-codemod.yaml", line: 6),
            CheckOverride(id: "read-in-retry", enabled: nil, severity: .warning, file: "prisma-codemod.yaml", line: 8),
        ], "fields not given are left to the check; each entry keeps its line")
        XCTAssertEqual(configuration.clientClass, "PrismaClient")
    }

    /// A later file re-grades what an earlier one switched, and the entry's place moves with it.
    func testCheckOverridesMergeByIdAcrossFiles() throws {
        var configuration = PrismaConfiguration()
        try RulesLoader.apply(yaml: "checks:\n  - id: any-check\n    enabled: false\n", file: "Rules/checks.yaml", to: &configuration)
        try RulesLoader.apply(yaml: "version: 1\nchecks:\n  - id: any-check\n    severity: note\n", file: "prisma-codemod.yaml",
                              to: &configuration)
        XCTAssertEqual(configuration.checks, [CheckOverride(id: "any-check", enabled: false, severity: .note, file: "prisma-codemod.yaml", line: 3)])
    }

    /// Messages and summaries belong to the check types now; an old rules file is told so at the line.
    func testAChecksMessageCannotBeSetInYAML() {
        var configuration = PrismaConfiguration()
        XCTAssertThrowsError(try RulesLoader.apply(yaml: "checks:\n  - id: my-check\n    message: no\n", file: "prisma-codemod.yaml",
                                                   to: &configuration)) { error in
            XCTAssertEqual((error as? RulesError)?.line, 3)
            XCTAssertEqual((error as? RulesError)?.reason,
                           "a check's message comes from the check itself; here a check can only be switched (enabled) or re-graded (severity)")
        }
        XCTAssertThrowsError(try RulesLoader.apply(yaml: "checks:\n  - id: my-check\n    level: low\n", file: "prisma-codemod.yaml",
                                                   to: &configuration)) { error in
            XCTAssertEqual((error as? RulesError)?.description, "prisma-codemod.yaml:3: unknown key 'level'; expected one of enabled, id, severity")
        }
    }

    func testMalformedRulesNameFileAndLine() {
        func error(_ yaml: String) -> RulesError? {
            var configuration = PrismaConfiguration()
            do {
                try RulesLoader.apply(yaml: yaml, file: "prisma-codemod.yaml", to: &configuration)
                return nil
            } catch {
                return error as? RulesError
            }
        }
        let syntax = error("client:\n  package: [unclosed\n")
        XCTAssertEqual(syntax?.file, "prisma-codemod.yaml")
        XCTAssertNotNil(syntax?.line)
        XCTAssertTrue(syntax?.reason.contains("YAML syntax") == true)

        let unknown = error("version: 1\nclinet:\n  class: X\n")
        XCTAssertEqual(unknown?.line, 2)
        XCTAssertTrue(unknown?.description.hasPrefix("prisma-codemod.yaml:2: unknown key 'clinet'") == true, unknown?.description ?? "")

        XCTAssertEqual(error("retry:\n  helpers: executeWithRetry\n")?.line, 2)
        XCTAssertEqual(error("version: 2\n")?.line, 1)
        XCTAssertEqual(error("methods:\n  reads: [create]\n  writes: [create]\n")?.reason, "method create is listed both as a read and as a write")
        XCTAssertEqual(error("checks:\n  - id: x\n    severity: fatal\n")?.line, 3)
        XCTAssertEqual(error("checks:\n  - enabled: true\n")?.reason, "a check needs an id")
        XCTAssertEqual(error("phases:\n  - id: 1\n    title: t\n")?.reason, "phase 1 needs a transform or a manual text")
        XCTAssertEqual(error("phases:\n  - id: 1\n    title: t\n    transform: unwrap-reads\n    bareClient: true\n")?.reason,
                       "bareClient only goes with transform: localize-client")
        XCTAssertEqual(error("version: 1\nphases: mine\n")?.line, 2)
        XCTAssertEqual(error("phases: mine\n")?.reason,
                       "phases is a list of phases, or `sample` for the plan of the bundled sample backend (Rules/phases.yaml)")
    }

    /// Rules/phases.yaml is the sample backend's plan; whose plan a project follows is recorded,
    /// so that a project naming none gets the generic plan instead of the sample's texts.
    func testPlanSourceSaysWhosePlanItIs() throws {
        var configuration = try RulesLoader.load(root: nil)
        XCTAssertEqual(configuration.planSource, .sampleDefault)
        let sample = configuration.phases
        try RulesLoader.apply(yaml: "version: 1\nphases: sample\n", file: "prisma-codemod.yaml", to: &configuration)
        XCTAssertEqual(configuration.planSource, .sample(file: "prisma-codemod.yaml"))
        XCTAssertEqual(configuration.phases, sample, "phases: sample keeps the sample plan as written")
        try RulesLoader.apply(yaml: "phases:\n  - id: 7\n    title: Reads\n    transform: unwrap-reads\n", file: "prisma-codemod.yaml",
                              to: &configuration)
        XCTAssertEqual(configuration.planSource, .project(file: "prisma-codemod.yaml"))
        XCTAssertEqual(configuration.phases.map(\.id), [7])
    }

    /// The phases example of README's "Writing your own phases" is a plan this loader accepts.
    func testReadmePhasesExampleLoads() throws {
        let readme = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md"), encoding: .utf8)
        let section = try XCTUnwrap(readme.components(separatedBy: "## Writing your own phases\n").dropFirst().first)
        let yaml = try XCTUnwrap(section.components(separatedBy: "```yaml\n").dropFirst().first?.components(separatedBy: "```").first)
        var configuration = try RulesLoader.load(root: nil)
        try RulesLoader.apply(yaml: yaml, file: "README.md", to: &configuration)
        XCTAssertEqual(configuration.phases.map(\.id), [1, 2, 3])
        XCTAssertEqual(configuration.phases.map(\.transform), ["unwrap-reads", "wrap-writes", nil])
        XCTAssertEqual(configuration.phases[1].only, ["payment.create", "payment.update"])
        XCTAssertEqual(configuration.phases.map(\.showsBudget), [false, false, true])
    }
}

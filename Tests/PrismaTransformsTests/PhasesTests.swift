import Foundation
import PrismaRules
import PrismaTransforms
import XCTest

/// Which plan a project follows: its own phases, the sample plan when it asks, else the generic plan.
final class PhasesTests: XCTestCase {
    private func rules(_ yaml: String?) throws -> PrismaConfiguration {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("phases-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        if let yaml { try Data(yaml.utf8).write(to: root.appendingPathComponent("prisma-codemod.yaml")) }
        return try Workspace.rules(root: root)
    }

    func testAProjectWithoutPhasesGetsTheGenericPlan() throws {
        for yaml in [nil, "retry:\n  helpers: [withDbRetry]\n"] {
            let phases = try rules(yaml).phases
            XCTAssertEqual(phases.map(\.id), [1, 2, 3], "numbered for the project, without the sample's gaps")
            XCTAssertEqual(phases.map(\.transform), ["unwrap-reads", "localize-client", nil])
            XCTAssertEqual(phases.map(\.showsBudget), [false, false, true])
            XCTAssertEqual(phases.map(\.bareClient), [false, false, false], "the sample's bare clients repeat its history, not yours")
            XCTAssertEqual(phases.map(\.only), [[], [], []])
            let helper = yaml == nil ? "executeWithRetry" : "withDbRetry"
            XCTAssertEqual(phases[0].title, "Take \(helper) off reads")
            XCTAssertEqual(phases[0].commitMessage, "prisma-codemod: phase 1 - unwrap-reads")
            XCTAssertEqual(phases[2].title, "Check the database's max_connections")
            let text = phases.map { [$0.title, $0.why, $0.manual ?? "", $0.commitMessage ?? ""].joined(separator: "\n") }.joined(separator: "\n")
            for sampleOnly in ["notification", "frontend", "Requests.tsx", "Worktracker", "perf(db)", "refactoring", "= 200"] {
                XCTAssertFalse(text.contains(sampleOnly), "the generic plan names the sample's \(sampleOnly): \(text)")
            }
        }
    }

    func testPhasesSampleAndOwnPhasesAreKeptAsWritten() throws {
        let sample = try rules("phases: sample\n").phases
        XCTAssertEqual(sample.map(\.id), [1, 2, 3, 4, 5])
        XCTAssertEqual(sample[0].commitMessage, "perf(db): phase 1 - remove executeWithRetry from reads")
        XCTAssertEqual(sample[2].only, ["notification.create"])
        let own = try rules("phases:\n  - id: 4\n    title: Retry payments\n    transform: wrap-writes\n    only: [payment.create]\n").phases
        XCTAssertEqual(own.map(\.title), ["Retry payments"])
        XCTAssertEqual(own.map(\.only), [["payment.create"]])
    }
}

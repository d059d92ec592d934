import CodemodCore
import Foundation
import PrismaTransforms
import XCTest

final class RevertPlanTests: XCTestCase {
    /// A revert selects by the keys the journal recorded, per file; files that are gone are named.
    func testThePlanSelectsTheJournaledKeys() throws {
        let root = try temporaryProject(["src/a.ts": "const u = 1;\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let journal = Journal(root: root)
        var run = JournalRun(kind: .apply, transform: "unwrap-reads", phase: 1, toolVersion: "test")
        run.files = [
            JournalFile(path: "src/a.ts", before: sha256Hex([]), after: sha256Hex([]), sites: [
                JournalSite(key: SiteKey("f/prisma.user.findMany/abc#0"), label: "prisma.user.findMany", line: 1, column: 17),
                JournalSite(key: SiteKey("f/prisma.user.findMany/abc#1"), label: "prisma.user.findMany", line: 3, column: 17),
            ], originalAt: nil),
            JournalFile(path: "src/gone.ts", before: sha256Hex([]), after: sha256Hex([]), sites: [
                JournalSite(key: SiteKey("g/prisma.user.count/def#0"), label: "prisma.user.count", line: 5, column: 17),
            ], originalAt: nil),
        ]
        run.status = .completed
        try journal.record(run)

        let plan = try RevertPlan.make(phase: 1, journal: journal, project: Project(root: root))
        XCTAssertEqual(plan.inverse.id, "wrap-reads")
        XCTAssertEqual(plan.source, .journal)
        XCTAssertEqual(plan.files, ["src/a.ts"])
        XCTAssertEqual(plan.missingFiles, ["src/gone.ts"])
        XCTAssertEqual(plan.selection.keys, ["src/a.ts": [SiteKey("f/prisma.user.findMany/abc#0"), SiteKey("f/prisma.user.findMany/abc#1")]])
        XCTAssertThrowsError(try RevertPlan.make(phase: 2, journal: journal, project: Project(root: root)))
    }

    /// A run journaled before sites had keys is refused with the command that restores it instead.
    func testARunWithoutKeysIsRefusedNotGuessed() throws {
        let root = try temporaryProject(["src/a.ts": "const u = 1;\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let journal = Journal(root: root)
        var run = JournalRun(kind: .apply, transform: "unwrap-reads", phase: 1, toolVersion: "old")
        run.files = [JournalFile(path: "src/a.ts", before: sha256Hex([]), after: sha256Hex([]), sites: [
            JournalSite(key: nil, label: "prisma.user.findMany", line: 1, column: 17),
        ], originalAt: nil)]
        run.status = .completed
        try journal.record(run)
        XCTAssertThrowsError(try RevertPlan.make(phase: 1, journal: journal, project: Project(root: root))) { error in
            XCTAssertTrue((error as? CodemodError)?.message.contains("rollback --run \(run.id)") == true, "\(error)")
        }
    }
}

import CodemodCore
import Foundation
import PrismaTransforms
import XCTest

final class RevertPlanTests: XCTestCase {
    /// Sites are found again by their line text, nearest first, each line taken once;
    /// a site whose text is gone is reported, not guessed.
    func testSitesAreFoundAgainAfterUnrelatedEdits() throws {
        let root = try temporaryProject([
            "src/a.ts": "// two lines added above\n// by a later edit\nconst u = await prisma.user.findMany();\nx();\nconst u = await prisma.user.findMany();\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let journal = Journal(root: root)
        var run = JournalRun(kind: .apply, transform: "unwrap-reads", phase: 1, toolVersion: "test")
        let text = "const u = await prisma.user.findMany();"
        run.files = [JournalFile(path: "src/a.ts", original: [], updated: [], sites: [
            JournalSite(label: "prisma.user.findMany", line: 1, column: 17, lineText: text),
            JournalSite(label: "prisma.user.findMany", line: 3, column: 17, lineText: text),
            JournalSite(label: "prisma.user.count", line: 5, column: 17, lineText: "const n = await prisma.user.count();"),
        ])]
        run.status = .completed
        try journal.record(run)

        let plan = try RevertPlan.make(phase: 1, journal: journal)
        XCTAssertEqual(plan.inverse.id, "wrap-reads")
        XCTAssertEqual(plan.addresses, [SiteAddress(path: "src/a.ts", line: 3), SiteAddress(path: "src/a.ts", line: 5)])
        XCTAssertEqual(plan.lost.map(\.site.label), ["prisma.user.count"])
        XCTAssertEqual(plan.files, ["src/a.ts"])
        XCTAssertThrowsError(try RevertPlan.make(phase: 2, journal: journal))
    }
}

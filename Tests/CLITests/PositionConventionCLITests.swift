import Foundation
import XCTest

/// Issue 13, item 9: one site, one position in every command: the Prisma call's, with the
/// retry call around it as the wrapper (README, "Positions").
final class PositionConventionCLITests: XCTestCase {
    func testInventoryPlanCheckAndSARIFAgreeOnASite() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let call = "src/controllers/authController.ts:411:7"
        let inventory = try tool(["inventory"], in: repo)
        XCTAssertTrue(inventory.stdout.contains("  \(call)  prisma.user.findUnique  in executeWithRetry at 410:24\n"), inventory.stdout)
        let plan = try tool(["plan"], in: repo)
        XCTAssertTrue(plan.stdout.contains("    \(call)  prisma.user.findUnique  (wrapper at 410:24)\n"), plan.stdout)
        let check = try tool(["check"], in: repo)
        XCTAssertTrue(check.stdout.hasPrefix("\(call): error[read-in-retry]: prisma.user.findUnique is a read wrapped in executeWithRetry"), check.stdout)
        XCTAssertTrue(check.stdout.split(separator: "\n")[0].hasSuffix(" (wrapper at 410:24)"), check.stdout)

        let json = try tool(["inventory", "--format", "json"], in: repo)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let file = try XCTUnwrap((report["files"] as? [[String: Any]])?.first { $0["path"] as? String == "src/controllers/authController.ts" })
        let wrapped = try XCTUnwrap((file["calls"] as? [[String: Any]])?.first { $0["retry"] != nil })
        XCTAssertEqual(wrapped["position"] as? [String: Int], ["line": 411, "column": 7])
        XCTAssertEqual(wrapped["wrapper"] as? [String: Int], ["line": 410, "column": 24])
        let plain = try XCTUnwrap((file["calls"] as? [[String: Any]])?.first { $0["retry"] == nil })
        XCTAssertNil(plain["wrapper"], "no wrapper key where there is none")

        let sarif = try tool(["check", "--format", "sarif"], in: repo)
        let log = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let result = try XCTUnwrap(((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])?.first)
        let location = try XCTUnwrap((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        let region = try XCTUnwrap(location["region"] as? [String: Any])
        XCTAssertEqual([region["startLine"] as? Int, region["startColumn"] as? Int], [411, 7], "SARIF points at the Prisma call")
    }

    /// A suppression comment above the Prisma call's line silences as one above the retry's does,
    /// for the check and for the transform that fixes it.
    func testASuppressionOnTheCallLineSilencesCheckAndTransform() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("prisma-codemod-positions-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let files = [
            "package.json": "{}\n",
            "src/utils/prisma.ts": """
                import { PrismaClient } from '@prisma/client';
                export const prisma = new PrismaClient();
                export const executeWithRetry = <T>(operation: () => Promise<T>) => operation();

                """,
            "src/a.ts": """
                import { prisma, executeWithRetry } from './utils/prisma';
                export const load = () => executeWithRetry(() =>
                  // prisma-codemod-ignore-next-line read-in-retry -- the replica lags
                  prisma.user.findMany()
                );

                """,
        ]
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let check = try tool(["check", "."], in: root)
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        XCTAssertEqual(check.stdout, "", "silenced, and the suppression is used")
        let diff = try tool(["diff", "unwrap-reads", "."], in: root)
        XCTAssertEqual(diff.stdout, "")
        XCTAssertTrue(diff.stderr.contains("left src/a.ts:4:3: prisma.user.findMany: suppressed (prisma-codemod-ignore-next-line read-in-retry): "
                                           + "the replica lags (wrapper at 2:27)"), diff.stderr)
    }
}

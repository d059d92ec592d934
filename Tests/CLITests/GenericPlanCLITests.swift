import Foundation
import XCTest

/// A backend that is not the sample gets the generic plan: phases made from the transforms,
/// in its own words and numbers, never the sample's file names or calls.
final class GenericPlanCLITests: XCTestCase {
    func testPlanOnAnotherBackendIsGeneric() throws {
        let repo = try temporaryProject([
            "package.json": "{}",
            "src/db.ts": """
                import { PrismaClient } from '@prisma/client';
                export const db = new PrismaClient();
                export async function withDbRetry<T>(run: () => Promise<T>): Promise<T> {
                  return run();
                }

                """,
            "prisma-codemod.yaml": "client:\n  centralModule: src/db.ts\n  export: db\nretry:\n  helpers: [withDbRetry]\n  module: src/db.ts\n",
            "src/orders.ts": """
                import { db, withDbRetry } from './db';

                export async function openOrders() {
                  return await withDbRetry(() => db.order.findMany({ where: { open: true } }));
                }

                export async function placeOrder(item: string) {
                  return await db.order.create({ data: { item } });
                }

                """,
        ])
        defer { try? FileManager.default.removeItem(at: repo) }
        let plan = try tool(["plan", "."], in: repo)
        XCTAssertEqual(plan.status, 0, plan.stderr)
        let out = plan.stdout
        XCTAssertTrue(out.hasPrefix("Plan for .: 3 phase(s), each one commit (apply --phase N --commit)\n"
                                    + "The generic plan: prisma-codemod.yaml names no phases of its own (README: Writing your own phases).\n"), out)
        XCTAssertTrue(out.contains("\nPhase 1: Take withDbRetry off reads\n"), out)
        XCTAssertTrue(out.contains("unwrap-reads: 1 file(s), 1 site(s) would change"), out)
        XCTAssertTrue(out.contains("src/orders.ts:4:34  db.order.findMany  (wrapper at 4:16)"), out)
        XCTAssertTrue(out.contains("\nPhase 2: One PrismaClient per file\n"), out)
        XCTAssertTrue(out.contains("localize-client: 1 file(s), 1 site(s) would change"), out)
        XCTAssertTrue(out.contains("\nPhase 3: Check the database's max_connections\n"), out)
        XCTAssertTrue(out.contains("connection budget now: 1 client instance(s)"), out)
        for sampleOnly in ["notification", "frontend", "Requests.tsx", "Phase 4", "perf(db)"] {
            XCTAssertFalse(out.contains(sampleOnly), "the sample's \(sampleOnly) on another backend: \(out)")
        }

        let apply = try tool(["apply", "--phase", "1", "--commit", "."], in: repo,
                             environment: ["GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
                                           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com"])
        XCTAssertEqual(apply.status, 0, apply.stderr)
        let message = try git(["log", "-1", "--format=%B"], in: repo).stdout
        XCTAssertTrue(message.hasPrefix("prisma-codemod: phase 1 - unwrap-reads\n\nTake withDbRetry off reads: unwrap-reads changed 1 site(s) in 1 file(s).\n"),
                      message)
    }
}

import Foundation
import XCTest

/// Issue 11, item 15: a file over the piece size (512 KB) is parsed in pieces; from the CLI it
/// must be rewritten exactly as a whole-file parse would have it, and rolled back.
final class LargeFileCLITests: XCTestCase {
    func testAFileParsedInPiecesIsRewrittenExactlyAndRolledBack() throws {
        let sites = 2_000
        var wrapped = "import { prisma, executeWithRetry } from './db';\n\n"
        var unwrapped = "import { prisma } from './db';\n\n"
        for index in 0..<sites {
            // Text a cut must not fall inside: a template with a substitution, a regex with a brace, a comment.
            let filler = "export function label\(index)(id: number): string {\n  const pattern = /\\{\(index)\\}/;\n"
                + "  // } not a block end\n  return `item ${id} of \(index)`.replace(pattern, '');\n}\n\n"
            wrapped += "export async function find\(index)(id: number) {\n  const found = await executeWithRetry(() =>\n"
                + "    prisma.user.findUnique({\n      where: { id }\n    })\n  );\n  return found;\n}\n\n" + filler
            unwrapped += "export async function find\(index)(id: number) {\n  const found = await prisma.user.findUnique({\n"
                + "    where: { id }\n  });\n  return found;\n}\n\n" + filler
        }
        XCTAssertGreaterThan(wrapped.utf8.count, 600_000, "the file must be over the piece size")
        let repo = try temporaryProject([
            "package.json": "{ \"dependencies\": { \"@prisma/client\": \"5\" } }\n",
            "src/db.ts": "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n"
                + "export async function executeWithRetry<T>(run: () => Promise<T>): Promise<T> {\n  return run();\n}\n",
            "src/big.ts": wrapped,
        ])
        defer { try? FileManager.default.removeItem(at: repo) }
        let big = repo.appendingPathComponent("src/big.ts")

        let apply = try tool(["apply", "unwrap-reads", "src/big.ts"], in: repo)
        XCTAssertEqual(apply.status, 0, apply.stderr)
        XCTAssertTrue(apply.stderr.contains("unwrap-reads: 1 file(s) changed (\(sites) site(s))"), apply.stderr)
        XCTAssertEqual(try String(contentsOf: big, encoding: .utf8), unwrapped)

        let rollback = try tool(["rollback", "--run", "latest"], in: repo)
        XCTAssertEqual(rollback.status, 0, rollback.stderr)
        XCTAssertEqual(try String(contentsOf: big, encoding: .utf8), wrapped)
    }
}

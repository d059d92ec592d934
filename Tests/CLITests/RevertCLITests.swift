import Foundation
import XCTest

/// Issue 8: revert selects the phase's sites by key, on any line endings, after the phase
/// commit was dropped, rebased or amended, and on a clone that has only git notes.
final class RevertCLITests: XCTestCase {
    private let identity = ["GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
                            "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com"]

    private func codemod(_ arguments: [String], in repo: URL) throws -> RunResult {
        try tool(arguments, in: repo, environment: identity)
    }

    private static let central = """
        import { PrismaClient } from '@prisma/client';

        export const prisma = new PrismaClient();

        export async function executeWithRetry<T>(operation: () => Promise<T>): Promise<T> {
          return operation();
        }

        """

    /// A function with the same read twice, the first wrapped, and a wrapped read elsewhere.
    private static func controller(_ newline: String, bom: Bool = false) -> Data {
        let lines = [
            "import { prisma, executeWithRetry } from '../utils/prisma';",
            "",
            "export async function show(id: number) {",
            "  const user = await executeWithRetry(() =>",
            "    prisma.user.findUnique({",
            "      where: { id },",
            "    })",
            "  );",
            "  const again = await prisma.user.findUnique({",
            "    where: { id },",
            "  });",
            "  return { user, again };",
            "}",
            "",
            "export async function list() {",
            "  return executeWithRetry(() => prisma.user.findMany());",
            "}",
            "",
        ]
        return Data((bom ? [0xEF, 0xBB, 0xBF] : []) + Array(lines.joined(separator: newline).utf8))
    }

    private func repository(_ files: [String: Data]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prisma-codemod-revert-\(UUID().uuidString)")
        var all = files
        all["package.json"] = Data(#"{ "name": "shop", "dependencies": { "@prisma/client": "^5.0.0" } }"#.utf8)
        all["src/utils/prisma.ts"] = Data(Self.central.utf8)
        for (path, data) in all {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        try git(["init", "-q", "-b", "main"], in: folder)
        try git(["add", "-A"], in: folder)
        try git(["commit", "-q", "-m", "start"], in: folder)
        return folder
    }

    private func prepend(_ text: String, to url: URL) throws {
        let data = try Data(contentsOf: url)
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        if data.starts(with: bom) {
            try (Data(bom) + Data(text.utf8) + data.dropFirst(3)).write(to: url)
        } else {
            try (Data(text.utf8) + data).write(to: url)
        }
    }

    func testRevertOnCRLFCROnlyAndBOMFilesFindsExactlyThePhasesSites() throws {
        let files = ["src/controllers/crlf.ts": Self.controller("\r\n"), "src/controllers/cr.ts": Self.controller("\r"),
                     "src/controllers/bom.ts": Self.controller("\n", bom: true)]
        let repo = try repository(files)
        defer { try? FileManager.default.removeItem(at: repo) }
        let apply = try codemod(["apply", "--phase", "1", "--commit"], in: repo)
        XCTAssertEqual(apply.status, 0, apply.stderr)
        XCTAssertTrue(apply.stderr.contains("unwrap-reads: 3 file(s) changed (6 site(s))"), apply.stderr)
        // Unrelated edits move every site down; a line pasted with other line endings is among them.
        let newlines = ["src/controllers/crlf.ts": "\r\n", "src/controllers/cr.ts": "\r", "src/controllers/bom.ts": "\n"]
        let added = { (path: String) in "// measured\n// p95 120 ms" + (newlines[path] ?? "\n") }
        for path in files.keys { try prepend(added(path), to: repo.appendingPathComponent(path)) }
        let revert = try codemod(["revert", "--phase", "1"], in: repo)
        XCTAssertEqual(revert.status, 0, revert.stderr)
        XCTAssertTrue(revert.stderr.contains("wrap-reads: 3 file(s) reverted (6 site(s))"), revert.stderr)
        for (path, original) in files {
            let marker = Data(added(path).utf8)
            let expected = original.starts(with: [0xEF, 0xBB, 0xBF]) ? Data([0xEF, 0xBB, 0xBF]) + marker + original.dropFirst(3) : marker + original
            XCTAssertEqual(try Data(contentsOf: repo.appendingPathComponent(path)), expected, "\(path): exactly the phase's sites, byte for byte")
        }
    }

    func testRevertAfterThePhaseCommitWasDroppedTouchesNoOtherSite() throws {
        let repo = try repository(["src/controllers/userController.ts": Self.controller("\n")])
        defer { try? FileManager.default.removeItem(at: repo) }
        let start = try snapshot(repo)
        XCTAssertEqual(try codemod(["apply", "--phase", "1", "--commit"], in: repo).status, 0)
        try git(["reset", "-q", "--hard", "HEAD~1"], in: repo)
        let revert = try codemod(["revert", "--phase", "1"], in: repo)
        XCTAssertEqual(revert.status, 0, revert.stderr)
        XCTAssertTrue(revert.stderr.contains("left src/controllers/userController.ts: prisma.user.findUnique is already as before phase 1"), revert.stderr)
        XCTAssertTrue(revert.stderr.contains("wrap-reads: 0 file(s) reverted"), revert.stderr)
        XCTAssertEqual(try snapshot(repo), start, "the unwrapped read with the same text is not wrapped")
    }

    func testRevertAfterTheEditedSiteIsReportedAndExitsOne() throws {
        let repo = try repository(["src/controllers/userController.ts": Self.controller("\n")])
        defer { try? FileManager.default.removeItem(at: repo) }
        XCTAssertEqual(try codemod(["apply", "--phase", "1", "--commit"], in: repo).status, 0)
        let url = repo.appendingPathComponent("src/controllers/userController.ts")
        let edited = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "prisma.user.findMany()", with: "prisma.user.findMany({ take: 10 })")
        try Data(edited.utf8).write(to: url)
        let revert = try codemod(["revert", "--phase", "1"], in: repo)
        XCTAssertEqual(revert.status, 1, "a site not found as the phase left it is reported, never guessed")
        XCTAssertTrue(revert.stderr.contains("left src/controllers/userController.ts: prisma.user.findMany (list/prisma.user.findMany/"), revert.stderr)
        XCTAssertTrue(revert.stderr.contains("wrap-reads: 1 file(s) reverted (1 site(s))"), revert.stderr)
        XCTAssertTrue(try String(contentsOf: url, encoding: .utf8).contains("return prisma.user.findMany({ take: 10 });"))
    }

    func testRevertAfterThePhaseCommitWasRebasedOrAmended() throws {
        let repo = try repository(["src/controllers/userController.ts": Self.controller("\n")])
        defer { try? FileManager.default.removeItem(at: repo) }
        let url = repo.appendingPathComponent("src/controllers/userController.ts")
        try git(["checkout", "-q", "-b", "phase"], in: repo)
        XCTAssertEqual(try codemod(["apply", "--phase", "1", "--commit"], in: repo).status, 0)
        // Meanwhile main moves on; the phase commit is rebased onto it (a new commit id)…
        try git(["checkout", "-q", "main"], in: repo)
        try Data("export const version = 2;\n".utf8).write(to: repo.appendingPathComponent("src/version.ts"))
        try git(["add", "-A"], in: repo)
        try git(["commit", "-qm", "version"], in: repo)
        let mainVersion = try Data(contentsOf: url)
        try git(["checkout", "-q", "phase"], in: repo)
        try git(["rebase", "-q", "main"], in: repo)
        // …and amended with a hand edit that moves every site.
        try prepend("// reviewed\n// by the team\n", to: url)
        try git(["commit", "-q", "-a", "--amend", "--no-edit"], in: repo)

        let revert = try codemod(["revert", "--phase", "1"], in: repo)
        XCTAssertEqual(revert.status, 0, revert.stderr)
        XCTAssertEqual(try Data(contentsOf: url), Data("// reviewed\n// by the team\n".utf8) + mainVersion, "exactly the phase's sites, wherever they moved")

        // A clone has the amended commit's trailers but no note (amend does not carry it): a clear refusal.
        let clone = repo.deletingLastPathComponent().appendingPathComponent("clone-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: clone) }
        try git(["clone", "-q", "-b", "phase", repo.path, clone.path], in: repo.deletingLastPathComponent())
        let refused = try codemod(["revert", "--phase", "1"], in: clone)
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("has no note in refs/notes/prisma-codemod"), refused.stderr)
    }

    func testRevertOnAFreshCloneUsesTheGitNotes() throws {
        let repo = try repository(["src/controllers/userController.ts": Self.controller("\n"), "src/controllers/other.ts": Self.controller("\r\n")])
        defer { try? FileManager.default.removeItem(at: repo) }
        let start = try snapshot(repo)
        XCTAssertEqual(try codemod(["apply", "--phase", "1", "--commit"], in: repo).status, 0)
        let note = try git(["notes", "--ref", "prisma-codemod", "show", "HEAD"], in: repo).stdout
        XCTAssertTrue(note.contains("\"key\" : \"show/prisma.user.findUnique/"), note)

        let clone = repo.deletingLastPathComponent().appendingPathComponent("clone-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: clone) }
        try git(["clone", "-q", repo.path, clone.path], in: repo.deletingLastPathComponent())
        let withoutNotes = try codemod(["revert", "--phase", "1"], in: clone)
        XCTAssertEqual(withoutNotes.status, 2)
        XCTAssertTrue(withoutNotes.stderr.contains("git fetch origin refs/notes/prisma-codemod:refs/notes/prisma-codemod"), withoutNotes.stderr)

        try git(["fetch", "-q", "origin", "refs/notes/prisma-codemod:refs/notes/prisma-codemod"], in: clone)
        let revert = try codemod(["revert", "--phase", "1", "--commit"], in: clone)
        XCTAssertEqual(revert.status, 0, revert.stderr)
        XCTAssertTrue(revert.stderr.contains("reverting from the git notes of commit"), revert.stderr)
        XCTAssertEqual(try snapshot(clone), start)
        XCTAssertTrue(try git(["log", "-1", "--format=%B"], in: clone).stdout.contains("Codemod-Undoes: "))
        XCTAssertEqual(try codemod(["revert", "--phase", "1"], in: clone).status, 2, "the revert commit undid it: nothing left to revert")
    }

    /// A NestJS service reaches the client through `this.prisma`, typed by a class declared in
    /// another file: the revert sees the whole project, as the phase did.
    func testRevertOfANestServiceSeesTheClientClassDeclaredElsewhere() throws {
        let service = """
            import { Injectable } from '@nestjs/common';
            import { PrismaService } from '../prisma/prisma.service';
            import { executeWithRetry } from '../utils/prisma';

            @Injectable()
            export class UsersService {
              constructor(private readonly prisma: PrismaService) {}

              async findAll() {
                return executeWithRetry(() =>
                  this.prisma.user.findMany({
                    orderBy: { id: 'asc' },
                  })
                );
              }
            }

            """
        let prismaService = """
            import { PrismaClient } from '@prisma/client';

            export class PrismaService extends PrismaClient {}

            """
        let repo = try repository(["src/users/users.service.ts": Data(service.utf8), "src/prisma/prisma.service.ts": Data(prismaService.utf8)])
        defer { try? FileManager.default.removeItem(at: repo) }
        let start = try snapshot(repo)
        let apply = try codemod(["apply", "--phase", "1", "--commit"], in: repo)
        XCTAssertEqual(apply.stdout, "src/users/users.service.ts:9:12: this.prisma.user.findMany\n", apply.stderr)
        let revert = try codemod(["revert", "--phase", "1"], in: repo)
        XCTAssertEqual(revert.status, 0, revert.stderr)
        XCTAssertEqual(try snapshot(repo), start)
    }

    /// Two identical reads in one function, then a third identical one added: which is which can
    /// no longer be told, so the revert reports them and wraps none, never the new one.
    func testAThirdIdenticalCallMakesTheGroupAmbiguousNotGuessed() throws {
        let twice = """
            import { prisma, executeWithRetry } from '../utils/prisma';

            export async function pair(id: number) {
              const x = await executeWithRetry(() => prisma.user.findUnique({ where: { id } }));
              const y = await executeWithRetry(() => prisma.user.findUnique({ where: { id } }));
              return [x, y];
            }

            """
        let repo = try repository(["src/controllers/pair.ts": Data(twice.utf8)])
        defer { try? FileManager.default.removeItem(at: repo) }
        XCTAssertEqual(try codemod(["apply", "--phase", "1", "--commit"], in: repo).status, 0)
        let url = repo.appendingPathComponent("src/controllers/pair.ts")
        let applied = try String(contentsOf: url, encoding: .utf8)
        let edited = applied.replacingOccurrences(of: "export async function pair(id: number) {\n",
                                                  with: "export async function pair(id: number) {\n  const fresh = await prisma.user.findUnique({ where: { id } });\n")
        try Data(edited.utf8).write(to: url)
        let revert = try codemod(["revert", "--phase", "1"], in: repo)
        XCTAssertEqual(revert.status, 1, revert.stderr)
        XCTAssertEqual(revert.stderr.components(separatedBy: "is not as phase 1 left it").count - 1, 2, revert.stderr)
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), edited, "nothing guessed, the new call least of all")
    }

    /// Phase 1 takes a retry off a read inside a transaction; wrap-reads would never put one
    /// there on its own, but the revert restores exactly what the phase changed.
    func testRevertRestoresARetryTheTransformWouldNotAddOnItsOwn() throws {
        let transfer = """
            import { prisma, executeWithRetry } from '../utils/prisma';

            export async function rename(id: number, name: string) {
              return prisma.$transaction(async (tx) => {
                const user = await executeWithRetry(() => tx.user.findUnique({ where: { id } }));
                return tx.user.update({ where: { id }, data: { name: user?.name ?? name } });
              });
            }

            """
        let repo = try repository(["src/controllers/rename.ts": Data(transfer.utf8)])
        defer { try? FileManager.default.removeItem(at: repo) }
        let start = try snapshot(repo)
        XCTAssertEqual(try codemod(["apply", "--phase", "1", "--commit"], in: repo).status, 0)
        XCTAssertEqual(try codemod(["diff", "wrap-reads"], in: repo).stdout, "", "wrap-reads alone leaves reads in a transaction")
        let revert = try codemod(["revert", "--phase", "1"], in: repo)
        XCTAssertEqual(revert.status, 0, revert.stderr)
        XCTAssertEqual(try snapshot(repo), start)
    }

    /// The helper lives in its own module under another configured name; phase 1 takes its last
    /// import away, and the revert brings back that name from that module, not a guess.
    func testRevertBringsBackTheProjectsOwnHelperAndModule() throws {
        let files = [
            "src/lib/retry.ts": "export async function retryDatabaseOperation<T>(fn: () => Promise<T>): Promise<T> {\n  return fn();\n}\n",
            "src/controllers/invoices.ts": """
                import { prisma } from '../utils/prisma';
                import { retryDatabaseOperation } from '../lib/retry';

                export async function getInvoice(id: string) {
                  return retryDatabaseOperation(() => prisma.invoice.findFirst({ where: { id } }));
                }

                """,
        ]
        let repo = try repository(files.mapValues { Data($0.utf8) })
        defer { try? FileManager.default.removeItem(at: repo) }
        let start = try snapshot(repo)
        XCTAssertEqual(try codemod(["apply", "--phase", "1", "--commit"], in: repo).status, 0)
        let revert = try codemod(["revert", "--phase", "1"], in: repo)
        XCTAssertEqual(revert.status, 0, revert.stderr)
        XCTAssertEqual(try snapshot(repo), start)
    }

    func testAtIsIdempotentAndATypoIsAnError() throws {
        let repo = try repository(["src/controllers/a.ts": Self.controller("\n")])
        defer { try? FileManager.default.removeItem(at: repo) }
        let first = try codemod(["apply", "unwrap-reads", "--at", "src/controllers/a.ts:16"], in: repo)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(first.stdout, "src/controllers/a.ts:16:10: prisma.user.findMany\n")
        let again = try codemod(["apply", "unwrap-reads", "--at", "src/controllers/a.ts:16"], in: repo)
        XCTAssertEqual(again.status, 0, "the site is already unwrapped: nothing to change, not an error")
        XCTAssertTrue(again.stderr.contains("nothing to change: --at src/controllers/a.ts:16 already as unwrap-reads leaves it"), again.stderr)
        let nothing = try codemod(["apply", "unwrap-reads", "--at", "src/controllers/a.ts:2"], in: repo)
        XCTAssertEqual(nothing.status, 2)
        XCTAssertTrue(nothing.stderr.contains("no Prisma call matches --at src/controllers/a.ts:2"), nothing.stderr)
        // The second of two identical reads in one function: its own key, its own site.
        let second = try codemod(["apply", "wrap-reads", "--at", "src/controllers/a.ts:9"], in: repo)
        XCTAssertEqual(second.status, 0, second.stderr)
        let text = try String(contentsOf: repo.appendingPathComponent("src/controllers/a.ts"), encoding: .utf8)
        XCTAssertTrue(text.contains("  const user = await executeWithRetry(() =>\n    prisma.user.findUnique({"), text)
        XCTAssertTrue(text.contains("  const again = await executeWithRetry(() =>\n    prisma.user.findUnique({"), text)
    }
}

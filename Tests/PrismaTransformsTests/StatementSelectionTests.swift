import CodemodCore
import Foundation
import PrismaRules
@testable import PrismaTransforms
import SyntaxTree
import XCTest

/// Parsing only a file's top-level statements with Prisma text (`Workspace.map`) must report
/// exactly what a whole parse reports: checked over every golden case and sample-backend file,
/// and on the shapes where the statements left out matter and the analysis must say so.
final class StatementSelectionTests: XCTestCase {
    private func context(_ configuration: PrismaConfiguration) -> PrismaContext {
        PrismaContext(configuration: configuration, resolver: ModuleResolver(aliases: []), centralModulePath: "src/utils/prisma.ts")
    }

    /// Everything check and inventory take from one file.
    private struct Report: Equatable {
        var entry: InventoryReport.FileEntry
        var findings: [Finding]
        var halfMigrated: [String]
    }

    private func report(_ file: ParsedFile, context: PrismaContext) -> Report {
        let prisma = PrismaFile(file: file, context: context)
        let rules = CheckRegistry.rules(for: context.configuration)
        return Report(entry: Inventory.entry(for: prisma), findings: Checker.run([prisma], rules: rules),
                      halfMigrated: prisma.halfMigrationReasons)
    }

    /// The report from the selected statements, whether the analysis held (false: `Workspace.map` parses again).
    private func selectedReport(_ bytes: [UInt8], path: String, context: PrismaContext) throws
        -> (report: Report, held: Bool, omitted: Int, omittedText: String) {
        let prefilter = PrismaPrefilter(context: context)
        let file = try ParsedFile.clean(path: path, bytes: bytes, parsers: ParserSet(), statementsWhere: {
            prefilter.statementsToParse($0, of: bytes, path: path)
        })
        let report = report(file, context: context)
        let ranges = file.omitted?.ranges ?? []
        return (report, file.omitted?.analysisHolds ?? true, ranges.reduce(0) { $0 + $1.count },
                ranges.map { String(decoding: bytes[$0], as: UTF8.self) }.joined())
    }

    func testSelectedStatementsReportWhatTheWholeFileDoesOnEveryFixture() throws {
        var files: [(bytes: [UInt8], path: String, context: PrismaContext)] = []
        for golden in try GoldenCase.all() {
            for url in [golden.inputURL, golden.expectedURL] where FileManager.default.fileExists(atPath: url.path) {
                files.append(([UInt8](try Data(contentsOf: url)), golden.path, golden.context))
            }
        }
        let sample = context(try defaultConfiguration())
        for path in try FileManager.default.subpathsOfDirectory(atPath: backendRoot.path) where path.hasSuffix(".ts") {
            files.append(([UInt8](try Data(contentsOf: backendRoot.appendingPathComponent(path))), path, sample))
        }
        var selected = 0
        for (bytes, path, context) in files {
            guard PrismaPrefilter(context: context).mayConcernPrisma(bytes, path: path),
                  let whole = try? ParsedFile.clean(path: path, bytes: bytes, parsers: ParserSet()) else { continue }
            let part = try selectedReport(bytes, path: path, context: context)
            if part.held {
                XCTAssertEqual(part.report, report(whole, context: context), path)
                if part.omitted > 0 { selected += 1 }
            }
        }
        XCTAssertGreaterThan(files.count, 300)
        // Most fixtures are one function: the sample backend's files are where statements are left out.
        XCTAssertGreaterThan(selected, 5)
    }

    func testAStatementLeftOutThatUsesOrDeclaresWhatTheAnalysisFollowsSendsItToTheWholeFile() throws {
        let sample = context(try defaultConfiguration())
        let cases: [(name: String, text: String, expect: (Report) -> Bool)] = [
            // `c` is the client: a statement without Prisma text passes its model delegate on.
            ("alias used", """
                import { prisma } from '../utils/prisma';
                const c = prisma;
                export function delegate() { return c.product; }
                export const n = 1;

                """, { $0.entry.unanalysable.contains { (note: InventoryReport.Note) in note.message.contains("c.product") } }),
            // `handle` is declared by a destructuring no head names, then made the client.
            ("declaration by destructuring", """
                import { prisma } from '../utils/prisma';
                let { handle } = globalThis as unknown as { handle: any };
                export function connect() { handle = prisma; }
                export async function list() { return handle.user.findMany(); }

                """, { $0.entry.calls.contains { $0.method == "findMany" } && $0.entry.unanalysable.isEmpty }),
            // The client class under another name, instantiated only where there is no Prisma text.
            ("renamed class", """
                import { PrismaClient as Client } from '@prisma/client';
                export function make() { return new Client(); }

                """, { $0.entry.instances.count == 1 }),
            // A client type under another name, its delegate passed on.
            ("renamed type", """
                import type { PrismaClient as DB } from '@prisma/client';
                export function users(c: DB) { return register(c.user); }

                """, { !$0.entry.unanalysable.isEmpty }),
            // A client the file assigns without declaring it.
            ("undeclared client", """
                import { PrismaClient } from '@prisma/client';
                export function init() { db = new PrismaClient(); }
                export function users() { return register(db.user); }

                """, { !$0.entry.unanalysable.isEmpty }),
            // The second name of a declaration, and a name after a comment: declared, not global.
            ("second declarator", """
                var ready = false, db: any;
                export const list = () => db.user.findMany();

                """, { $0.entry.unanalysable.contains { (note: InventoryReport.Note) in note.message.contains("not known to be a client") } }),
            ("comment before the name", """
                const /* handle */ db = makeDb();
                export const list = () => db.user.findMany();

                """, { $0.entry.unanalysable.contains { (note: InventoryReport.Note) in note.message.contains("not known to be a client") } }),
            // An earlier `var` of the same name, left out, is the declaration a whole parse keeps.
            ("earlier declaration", """
                if (process.env.X) { var mod: any; }
                var mod: any = await import('./other');
                export const f = () => mod.user.findMany();

                """, { $0.entry.unanalysable.contains { (note: InventoryReport.Note) in note.message.contains("not known to be a client") } }),
            // `this.db` assigned a client, reached across a line break.
            ("this across lines", """
                import { PrismaClient } from '@prisma/client';
                export function init(this: any) { this.db = new PrismaClient(); }
                export function users(this: any) {
                  return this
                    .db.user;
                }

                """, { !$0.entry.unanalysable.isEmpty }),
            // A global declared with no-break spaces around it.
            ("declared global", """
                if (true) { var\u{00A0}process\u{00A0}= { user: 1 }; }
                export const f = () => process.user.findMany();

                """, { $0.entry.unanalysable.contains { (note: InventoryReport.Note) in note.message.contains("not known to be a client") } }),
            // The helper imported under another name is called only where there is no Prisma text.
            ("helper alias used", """
                import { prisma, executeWithRetry as retry } from '../utils/prisma';
                export async function list() { return prisma.user.findMany(); }
                export async function later(run: () => Promise<void>) { return retry(run); }

                """, { $0.halfMigrated.isEmpty }),
        ]
        for (name, text, expect) in cases {
            let bytes = Array(text.utf8)
            let path = "src/services/\(name.replacingOccurrences(of: " ", with: "-")).ts"
            let whole = report(try ParsedFile.clean(path: path, bytes: bytes, parsers: ParserSet()), context: sample)
            XCTAssertTrue(expect(whole), "\(name): the whole parse's report is not what the case is about")
            let part = try selectedReport(bytes, path: path, context: sample)
            XCTAssertGreaterThan(part.omitted, 0, "\(name): nothing was left out")
            XCTAssertFalse(part.held, "\(name): the analysis of the selected statements was trusted")
        }
    }

    func testAStatementLeftOutKeepsTheAnalysisWhenItMentionsNothingFollowed() throws {
        let text = """
            import { prisma, executeWithRetry } from '../utils/prisma';
            export function normalize(input: Record<string, unknown>) {
              const out: Record<string, string> = {};
              out.name = String(input.name ?? '').trim();
              return out;
            }
            const ALL = ['a', 'b'];
            export const list = () => executeWithRetry(() => prisma.user.findMany({ where: { tag: { in: ALL } } }));

            """
        let bytes = Array(text.utf8)
        let sample = context(try defaultConfiguration())
        let part = try selectedReport(bytes, path: "src/services/users.ts", context: sample)
        // `normalize` is left out; `const ALL` is parsed, as the Prisma call names it.
        let normalize = try XCTUnwrap(text.range(of: "export function normalize"))
        let constant = try XCTUnwrap(text.range(of: "const ALL"))
        XCTAssertEqual(part.omittedText, String(text[normalize.lowerBound..<constant.lowerBound]))
        XCTAssertTrue(part.held)
        XCTAssertEqual(part.report, report(try ParsedFile.clean(path: "src/services/users.ts", bytes: bytes, parsers: ParserSet()), context: sample))
        XCTAssertEqual(part.report.entry.calls.count, 1)
    }

    func testTheNameADeclarationStartsWith() {
        let names = [
            "export const ALL_PAGES = [1];": "ALL_PAGES", "export default async function load() {}": "load",
            "function* walk() {}": "walk", "export abstract class Repo {}": "Repo", "declare const enum Mode { A }": "Mode",
            "interface Row { id: number }": "Row",
        ]
        for (text, name) in names {
            XCTAssertEqual(PrismaPrefilter.declaredName(atStartOf: ArraySlice(text.utf8)), name, text)
        }
        XCTAssertNil(PrismaPrefilter.declaredName(atStartOf: ArraySlice("const { a, b } = c;".utf8)))
    }
}

@testable import CodemodCore
import XCTest

/// What a statement left out of a parse may do to an analysis of the rest, read off its bytes.
final class OmittedStatementsTests: XCTestCase {
    func testADeclarationIsSeenAUseIsNot() {
        let declares = [
            "const db = make();", "let x, db;", "var { a, db } = o;", "const { a: db } = o;", "const [db] = list;",
            "const { ...db } = o;", "function db() {}", "function* db() {}", "class db {}", "export enum db { A }",
            "import { a as db } from 'm';", "if (x) { var db = 1; }", "const { db = 1 } = o;", "var ready = false, db: any;",
            "const /* handle */ db = make();", "let db!: T;", "let ready = false, // set later\n  db = make();",
            "const {\n  // the shared store\n  db,\n} = stores();", "var\u{00A0}db\u{00A0}= 1;",
        ]
        for text in declares {
            XCTAssertTrue(OmittedStatements.mayDeclare("db", in: ArraySlice(text.utf8)), text)
        }
        let uses = ["db.user.findMany();", "f(db);", "const x = db;", "return db ? 1 : 2;", "o.db = 1;", "dbUrl = 1;", "const x = { a: db.b };"]
        for text in uses {
            XCTAssertFalse(OmittedStatements.mayDeclare("db", in: ArraySlice(text.utf8)), text)
        }
        // Within a slice of a larger text: offsets are the text's.
        let text = Array("xx const db = 1; yy".utf8)
        XCTAssertTrue(OmittedStatements.mayDeclare("db", in: text[3..<16]))
        XCTAssertFalse(OmittedStatements.mayDeclare("db", in: text[9..<16]))
    }

    func testTheAnalysisHoldsOnlyWhenReviewedAndNothingLeftOutBreaksIt() {
        let text = Array("import { prisma } from './db';\nexport const n = 1;\nexport const m = count(n);\n".utf8)
        let omitted = 31..<text.count
        let unreviewed = OmittedStatements(ranges: [omitted], bytes: text)
        XCTAssertFalse(unreviewed.analysisHolds)

        let holding = OmittedStatements(ranges: [omitted], bytes: text)
        holding.assumeUnused(["prisma"])
        holding.assumeUndeclared("Date")
        XCTAssertTrue(holding.analysisHolds)

        let used = OmittedStatements(ranges: [omitted], bytes: text)
        used.assumeUnused(["n"])
        XCTAssertFalse(used.analysisHolds)

        let declared = OmittedStatements(ranges: [omitted], bytes: text)
        declared.assumeUnused([])
        declared.assumeUndeclared("m")
        XCTAssertFalse(declared.analysisHolds)

        // A name that is not a global counts when mentioned at all; a global only when declared.
        let mentioned = OmittedStatements(ranges: [omitted], bytes: text)
        mentioned.assumeUnused([])
        mentioned.assumeUndeclared("count")
        XCTAssertFalse(mentioned.analysisHolds)
        // A name found at the top counts only where a left-out statement may declare it again.
        let calls = Array("service.normalize(x);\n".utf8)
        let found = OmittedStatements(ranges: [0..<calls.count], bytes: calls)
        found.assumeUnused([])
        found.assumeNotRedeclared("service")
        XCTAssertTrue(found.analysisHolds)
        let hoisted = Array("if (x) { var service = 1; }\n".utf8)
        let again = OmittedStatements(ranges: [0..<hoisted.count], bytes: hoisted)
        again.assumeUnused([])
        again.assumeNotRedeclared("service")
        XCTAssertFalse(again.analysisHolds)

        let numbers = Array("const x = 1;\nexport const y = Number(x);\n".utf8)
        let global = OmittedStatements(ranges: [0..<numbers.count], bytes: numbers)
        global.assumeUnused([])
        global.assumeUndeclared("Number")
        XCTAssertTrue(global.analysisHolds)
    }

    func testWordAndCaseInsensitiveSearch() {
        let text = Array("const dbUrl = x; f(db); // PrismaClient".utf8)
        XCTAssertTrue(ByteSearch.containsWord(text[0...], "db"))
        XCTAssertFalse(ByteSearch.containsWord(text[0..<16], "db"))
        XCTAssertTrue(ByteSearch.containsWord(text[0...], "const"))
        XCTAssertTrue(ByteSearch.containsIgnoringASCIICase(text[0...], "prisma"))
        XCTAssertFalse(ByteSearch.containsIgnoringASCIICase(text[0..<30], "prisma"))
        XCTAssertTrue(ByteSearch.containsIgnoringASCIICase(ArraySlice("PRISMA".utf8), "prisma"))
    }
}

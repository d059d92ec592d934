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

    /// Whether an analysis that assumed these of `left` (all of it left out) holds.
    private func holds(_ left: String, unused: [String] = [], undeclared: [String] = [], notRedeclared: [String] = []) -> Bool {
        let bytes = Array(left.utf8)
        let omitted = OmittedStatements(ranges: [0..<bytes.count], bytes: bytes)
        omitted.assumeUnused(unused)
        undeclared.forEach(omitted.assumeUndeclared)
        notRedeclared.forEach(omitted.assumeNotRedeclared)
        return omitted.analysisHolds
    }

    func testTheAnalysisHoldsOnlyWhenReviewedAndNothingLeftOutBreaksIt() {
        let text = Array("import { prisma } from './db';\nexport const n = 1;\nexport const m = count(n);\n".utf8)
        XCTAssertFalse(OmittedStatements(ranges: [31..<text.count], bytes: text).analysisHolds, "never reviewed")

        let left = "export const n = 1;\nexport const m = count(n);\n"
        XCTAssertTrue(holds(left, unused: ["prisma"], undeclared: ["Date"]))
        XCTAssertFalse(holds(left, unused: ["n"]))
        XCTAssertFalse(holds(left, undeclared: ["m"]))
        // A name that is not a global counts when mentioned at all; a global only when declared.
        XCTAssertFalse(holds(left, undeclared: ["count"]))
        XCTAssertTrue(holds("const x = 1;\nexport const y = Number(x);\n", undeclared: ["Number"]))
        // A name found at the top counts only where a left-out statement may declare it again.
        XCTAssertTrue(holds("service.normalize(x);\n", notRedeclared: ["service"]))
        XCTAssertFalse(holds("if (x) { var service = 1; }\n", notRedeclared: ["service"]))
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

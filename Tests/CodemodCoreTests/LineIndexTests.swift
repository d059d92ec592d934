import CodemodCore
import XCTest

/// The one place byte offsets become lines and positions: every line ending, a BOM, multibyte text.
final class LineIndexTests: XCTestCase {
    func testLinesEndAtLFCRLFAndLoneCR() {
        let text = Array("a\nb\r\nc\rd".utf8)
        let lines = LineIndex(text)
        XCTAssertEqual(lines.lineStarts, [0, 2, 5, 7])
        XCTAssertEqual(lines.lineNumber(of: 6), 3)
        XCTAssertEqual(lines.lineContentEnd(of: 2), 3, "the content of `b` ends before its \\r\\n")
        XCTAssertEqual(lines.lineEnd(of: 2), 5)
        XCTAssertEqual(lines.lineContentEnd(of: 5), 6, "a lone \\r ends a line")
        XCTAssertEqual(lines.lineEnd(of: 7), 8, "the last line without a terminator ends at the end")
    }

    func testPositionsAreOneBasedCodePointsWithoutTheBOM() {
        let text = Array("\u{FEFF}const ä = 1;\rlet x = 'ü';".utf8)
        let lines = LineIndex(text)
        XCTAssertEqual(lines.position(of: 3), SourcePosition(line: 1, column: 1), "the BOM is no column")
        XCTAssertEqual(lines.position(of: 0), SourcePosition(line: 1, column: 1))
        let x = text.firstIndex(of: UInt8(ascii: "x")) ?? 0
        XCTAssertEqual(lines.position(of: x), SourcePosition(line: 2, column: 5))
        let semicolon = text.firstIndex(of: UInt8(ascii: ";")) ?? 0
        XCTAssertEqual(lines.position(of: semicolon), SourcePosition(line: 1, column: 12), "ä is one column, two bytes")
        XCTAssertEqual(SourcePosition(line: 3, column: 7).description, "3:7")
    }

    func testTheDominantLineEndingIsKept() throws {
        XCTAssertEqual(try parse("// pasted\nconst a = 1;\r\nconst b = 2;\r\n").style.lineEnding, "\r\n")
        XCTAssertEqual(try parse("const a = 1;\rconst b = 2;\r").style.lineEnding, "\r")
        XCTAssertEqual(try parse("const a = 1;\r\nconst b = 2;\n\n").style.lineEnding, "\n")
        XCTAssertEqual(try parse("function f() {\r  g();\r}\r").style.indentUnit, "  ", "indentation is read on CR-only lines too")
    }
}

final class ByteSearchTests: XCTestCase {
    func testFindsSubsequencesAtEveryPlace() {
        let text = Array("export class PrismaService extends PrismaClient {}".utf8)
        XCTAssertTrue(ByteSearch.contains(text, "export"))
        XCTAssertTrue(ByteSearch.contains(text, "extends PrismaClient"))
        XCTAssertTrue(ByteSearch.contains(text, "{}"))
        XCTAssertFalse(ByteSearch.contains(text, "extends PrismaClientX"))
        XCTAssertFalse(ByteSearch.contains(Array("Pri".utf8), "Prisma"))
        XCTAssertTrue(ByteSearch.contains(Array("aaab".utf8), "aab"), "a near miss before the match")
        XCTAssertTrue(ByteSearch.contains(Array("ä$extends".utf8), "$extends"))
    }
}

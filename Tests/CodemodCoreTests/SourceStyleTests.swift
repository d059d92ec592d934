import CodemodCore
import XCTest

final class SourceStyleTests: XCTestCase {
    func testDetectsQuotesSemicolonsAndIndentation() throws {
        let style = try parse("import { a } from 'a';\nfunction f() {\n    if (a) {\n        g();\n    }\n}\n").style
        XCTAssertEqual(style.quote, .single)
        XCTAssertTrue(style.semicolons)
        XCTAssertEqual(style.indentUnit, "    ")
        XCTAssertEqual(style.lineEnding, "\n")
        XCTAssertFalse(style.hasBOM)
        XCTAssertTrue(style.endsWithNewline)
    }

    func testDetectsDoubleQuotesWithoutSemicolonsTabsCRLFAndBOM() throws {
        let source = "\u{FEFF}import { a } from \"a\"\r\nfunction f() {\r\n\tg()\r\n}"
        let style = try parse(source).style
        XCTAssertEqual(style.quote, .double)
        XCTAssertFalse(style.semicolons)
        XCTAssertEqual(style.indentUnit, "\t")
        XCTAssertEqual(style.lineEnding, "\r\n")
        XCTAssertTrue(style.hasBOM)
        XCTAssertFalse(style.endsWithNewline)
    }

    func testBOMDoesNotBreakTheParse() throws {
        XCTAssertNil(try parse("\u{FEFF}import { a } from 'a';\n").tree.firstError)
    }

    func testTypedTaggedTemplatesParse() throws {
        // tree-sitter-typescript #341: both shapes must parse and keep their offsets.
        for source in [
            "const rows = await prisma.$queryRaw<Row[]>`SELECT * FROM users WHERE id = ${id}`;\n",
            "const n = await prisma.$queryRaw<{ count: bigint }[]>`SELECT COUNT(*) FROM t`;\n",
        ] {
            let file = try parse(source)
            XCTAssertNil(file.tree.firstError, source)
            let call = try XCTUnwrap(file.root.preorder().first { $0.kind == "call_expression" })
            XCTAssertEqual(call.child(field: "arguments")?.kind, "template_string")
            XCTAssertTrue(file.text(call).hasPrefix("prisma.$queryRaw<"), "the original text is kept")
        }
    }
}

import XCTest
@testable import CodemodCore
import SyntaxTree

/// The repaired parse: what is blanked, what is left alone, and that every offset,
/// line and column of the tree is the original's.
final class ParseRepairTests: XCTestCase {
    private func clean(_ text: String, path: String = "src/a.ts") throws(CodemodError) -> ParsedFile {
        try ParsedFile.clean(path: path, bytes: Array(text.utf8), parsers: ParserSet())
    }

    private func repaired(_ file: ParsedFile) -> [String] {
        file.repairs.map { file.text($0) }
    }

    func testACleanFileIsParsedAsItIs() throws {
        let file = try clean("const a = b < c ? `x` : `y`;\nconst d = f<T>(1);\n")
        XCTAssertEqual(file.repairs, [])
        XCTAssertEqual(file.tree.source, file.bytes, "the tree holds the original text")
    }

    func testCROnlyLineBreaksEndStatementsAsTypeScriptReadsThem() throws {
        let file = try clean("import { a } from 'a'\rconst b = a\rexport default b\r")
        XCTAssertEqual(file.root.namedChildren.map(\.kind), ["import_statement", "lexical_declaration", "export_statement"])
        XCTAssertEqual(file.text(file.root.namedChildren[1]), "const b = a")
        XCTAssertEqual(file.position(file.root.namedChildren[2].byteRange.lowerBound), SourcePosition(line: 3, column: 1))
    }

    func testTypedTemplatesOfEveryShapeAreRepaired() throws {
        let cases: [(type: String, line: String)] = [
            ("<Row[]>", "Row[]"),
            ("<{ day: Date; total: number }[]>", "prettier's `;`"),
            ("<{ a: { b: { c: string }[] }; d: number }[]>", "nested braces"),
            ("<{ s: 'a>' | \"b;}\" | 'c\\'d' }[]>", "string literal types with closers and quotes"),
            ("<{ id: `user_${string}`; k: `${number}-${'a' | 'b'}` }[]>", "template literal types"),
            ("<{ f: (a: number) => string }[]>", "`=>` closes nothing"),
            ("<Array<Map<string, Record<string, number>>>>", "`>>>`, which otherwise parses clean as comparisons"),
            ("<{\n  // a comment; with `\n  id: number; /* > */\n}[]>", "comments and lines"),
        ]
        for (type, why) in cases {
            let source = "const rows = await prisma.$queryRaw\(type)`SELECT ${id}`;\n"
            let file = try clean(source)
            XCTAssertEqual(repaired(file), [type], why)
            let call = try XCTUnwrap(file.root.preorder().first { $0.kind == "call_expression" }, why)
            XCTAssertEqual(call.child(field: "arguments")?.kind, "template_string", why)
            XCTAssertEqual(file.text(call), "prisma.$queryRaw\(type)`SELECT ${id}`", "\(why): the original text is kept")
        }
    }

    func testPositionsAfterARepairAreTheOriginals() throws {
        // Multibyte text and a type spanning lines before the nodes whose positions are checked.
        let source = "const é = '€';\nconst rows = await prisma.$queryRaw<{\n  'prénom': string;\n}[]>`SELECT 1`;\nconst after = g(rows);\n"
        let file = try clean(source)
        XCTAssertEqual(file.repairs.count, 1)
        XCTAssertEqual(file.tree.source.count, file.bytes.count)
        let template = try XCTUnwrap(file.root.preorder().first { $0.kind == "template_string" })
        XCTAssertEqual(file.text(template), "`SELECT 1`")
        XCTAssertEqual(file.position(template.byteRange.lowerBound), SourcePosition(line: 4, column: 5))
        XCTAssertEqual(template.start, Point(row: 3, column: 4), "tree-sitter's own points agree: lines are kept")
        let call = try XCTUnwrap(file.root.preorder().first { $0.kind == "call_expression" && file.text($0).hasPrefix("g(") })
        XCTAssertEqual(file.position(call.byteRange.lowerBound), SourcePosition(line: 5, column: 15))
    }

    func testComparisonsAndCastsAreNotTypeArguments() throws {
        for source in [
            "const a = x<y && z>`t`.length;\n",
            "const a = x<y || z>`t`.length;\n",
            "const a = x<y * 2>`t`.length;\n",
            "const a = <string>`cast`;\n",
            "const a = f<T>(`not a tag`);\n",
            "const a = '<T>`in a string`';\n",
            "// tag<T>`in a comment`\nconst a = 1;\n",
        ] {
            let file = try clean(source)
            XCTAssertEqual(file.repairs, [], source)
        }
    }

    func testJSXTagsBeforeABacktickAreNotTypeArguments() throws {
        let file = try clean("export const A = () => <p>Run<code>`npm i`</code> first</p>;\n", path: "src/a.tsx")
        XCTAssertEqual(file.repairs, [])
        XCTAssertEqual(file.root.preorder().filter { $0.kind == "jsx_element" }.count, 2)
    }

    func testBareAmpersandsInJSXAreRepaired() throws {
        let source = """
            export const A = () => (
              <a title="Q&A" href="?a=1&b=2">Tom & Jerry, R&D &amp; &nbsp; &</a>
            );

            """
        let file = try clean(source, path: "src/a.tsx")
        XCTAssertEqual(repaired(file), Array(repeating: "&", count: 5))
        let references = file.root.preorder().filter { $0.kind == "html_character_reference" }.map { file.text($0) }
        XCTAssertEqual(references, ["&amp;", "&nbsp;"], "entities are the grammar's own and stay")
        let attribute = try XCTUnwrap(file.root.preorder().first { $0.kind == "jsx_attribute" })
        XCTAssertEqual(file.text(attribute), "title=\"Q&A\"")
    }

    func testAmpersandsWhereTreeSittersRecoveryGoesWide() throws {
        // After some of these the grammar's recovery turns the whole element into an ERROR
        // holding expressions (`a & b, c` as a sequence), not one small ERROR per `&`.
        for text in ["Tom & Jerry", "Tom & Jerry, R&D", "R&D &amp; x", "a &nbsp; &", "x &", "& x", "a, b & c", "a & b, c", "a &b", "a & b;"] {
            let file = try clean("export const A = () => (\n  <a>\(text)</a>\n);\n", path: "src/a.tsx")
            let element = try XCTUnwrap(file.root.preorder().first { $0.kind == "jsx_element" }, text)
            XCTAssertEqual(file.text(element), "<a>\(text)</a>")
            XCTAssertTrue(repaired(file).allSatisfy { $0 == "&" }, text)
        }
    }

    func testAmpersandsInPlainTypeScriptAreCode() {
        XCTAssertThrowsError(try clean("const a = <a>Tom & Jerry</a>;\n"), "no JSX in .ts: a cast and an error, unrepaired")
    }

    func testTypedTemplateAndAmpersandInOneTSXFile() throws {
        let source = "const r = await sql<{ a: number; b: string }[]>`SELECT 1`;\nexport const A = () => <p>a & b</p>;\n"
        let file = try clean(source, path: "src/a.tsx")
        XCTAssertEqual(repaired(file), ["<{ a: number; b: string }[]>", "&"])
    }

    func testASyntaxErrorAfterARepairIsReportedWhereItIs() {
        let source = "const rows = await prisma.$queryRaw<{ id: number; n: string }[]>`SELECT 1`;\nconst next = rows.map((;\n"
        XCTAssertThrowsError(try clean(source)) { error in
            guard case CodemodError.parse(let path, let position, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "src/a.ts")
            XCTAssertEqual(position, SourcePosition(line: 2, column: 22), "at the `(` tree-sitter cannot close, not at the typed template")
        }
    }

    func testASyntaxErrorWithoutRepairsIsReportedWhereItIs() {
        XCTAssertThrowsError(try clean("const a = 1;\nconst é = (;\n")) { error in
            guard case CodemodError.parse(_, let position, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(position, SourcePosition(line: 2, column: 9), "columns count code points, not bytes")
        }
    }

    func testTypeArgumentsEnd() {
        func end(_ text: String) -> String? {
            let bytes = Array(text.utf8)
            return ParseRepair.typeArgumentsEnd(bytes, from: 0).map { String(decoding: bytes[0...$0], as: UTF8.self) }
        }
        XCTAssertEqual(end("<A<B>>`"), "<A<B>>")
        XCTAssertEqual(end("<{ a: 1; b: `x${'}'}` }>`"), "<{ a: 1; b: `x${'}'}` }>")
        XCTAssertEqual(end("<(a: A) => B>`"), "<(a: A) => B>")
        XCTAssertEqual(end("<'>'>`"), "<'>'>")
        XCTAssertNil(end("<A; B>`"), "`;` outside braces ends a statement")
        XCTAssertNil(end("<A)>`"))
        XCTAssertNil(end("<A / B>`"))
        XCTAssertNil(end("<'unterminated\n>`"))
        XCTAssertNil(end("<A"))
    }
}

extension ParseRepairTests {
    func testCharacterReferences() {
        func starts(_ text: String) -> Bool { ParseRepair.startsCharacterReference(Array(text.utf8), at: 0) }
        XCTAssertTrue(starts("&amp;"))
        XCTAssertTrue(starts("&#169;"))
        XCTAssertTrue(starts("&#x00A9;"))
        XCTAssertFalse(starts("&nbsp b"))
        XCTAssertFalse(starts("& b;"))
        XCTAssertFalse(starts("&#;"))
        XCTAssertFalse(starts("&#x1234567;"))
        XCTAssertFalse(starts("&"))
    }
}

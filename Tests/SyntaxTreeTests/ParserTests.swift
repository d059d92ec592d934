import XCTest
@testable import SyntaxTree

final class ParserTests: XCTestCase {
    func testParsesTypeScriptWithFieldsAndRanges() throws {
        let tree = try Parser(language: .typescript).parse("const x: number = prisma.user.findMany({ take: 1 });\n")
        XCTAssertNil(tree.firstError)
        let call = try XCTUnwrap(tree.root.preorder().first { $0.kind == "call_expression" })
        XCTAssertEqual(call.child(field: "function")?.text, "prisma.user.findMany")
        XCTAssertEqual(call.start, Point(row: 0, column: 18))
        XCTAssertEqual(call.text, "prisma.user.findMany({ take: 1 })")
        let declarator = try XCTUnwrap(tree.root.preorder().first { $0.kind == "variable_declarator" })
        let nameIndex = try XCTUnwrap((0..<declarator.childCount).first { declarator.child($0)?.text == "x" })
        XCTAssertEqual(declarator.fieldName(ofChild: nameIndex), "name")
        XCTAssertEqual(call.parent?.kind, "variable_declarator")
    }

    func testByteOffsetsAfterMultibyteText() throws {
        // "ä" and "€" are 2 and 3 bytes in UTF-8: offsets and columns are bytes.
        let source = "const s = 'ä€'; prisma.user.count();\n"
        let tree = try Parser(language: .typescript).parse(source)
        let call = try XCTUnwrap(tree.root.preorder().first { $0.kind == "call_expression" })
        XCTAssertEqual(call.byteRange.lowerBound, 19)
        XCTAssertEqual(call.text, "prisma.user.count()")
    }

    func testLocatesFirstSyntaxError() throws {
        let tree = try Parser(language: .typescript).parse("const a = 1;\nconst b = (;\n")
        let problem = try XCTUnwrap(tree.firstError)
        XCTAssertEqual(problem.position.row, 1)
        XCTAssertFalse(problem.isMissing)
    }

    func testLocatesMissingNode() throws {
        let tree = try Parser(language: .typescript).parse("function f() {\n  return g(1\n}\n")
        XCTAssertNotNil(tree.firstError)
    }

    func testTSXNeedsTheTSXGrammar() throws {
        let source = "export const A = () => <div className=\"a\">{x}</div>;\n"
        XCTAssertNil(try Parser(language: .tsx).parse(source).firstError)
        XCTAssertNotNil(try Parser(language: .typescript).parse(source).firstError)
    }

    func testLanguageByExtension() {
        XCTAssertEqual(Language(fileName: "a/b.ts"), .typescript)
        XCTAssertEqual(Language(fileName: "a/b.mts"), .typescript)
        XCTAssertEqual(Language(fileName: "a/b.cts"), .typescript)
        XCTAssertEqual(Language(fileName: "a/B.tsx"), .tsx)
        for name in ["a/b.js", "a/b.jsx", "a/b.mjs", "a/B.CJS"] { XCTAssertEqual(Language(fileName: name), .javascript, name) }
        for name in ["a/b.d.ts", "a/b.d.mts", "a/b.d.cts", "a/b.json", "a/ts", "a/.ts", "a.ts/b"] { XCTAssertNil(Language(fileName: name), name) }
        XCTAssertEqual(Language.extensions.compactMap(Language.init(extension:)).count, Language.extensions.count)
    }

    /// JavaScript has its own grammar: JSX in a `.js` file, and `<`/`>` as comparisons
    /// where the TypeScript grammar would see type arguments.
    func testJavaScriptGrammar() throws {
        let jsx = "const { prisma } = require('./db');\nmodule.exports = () => <div>{prisma.user.count()}</div>;\n"
        XCTAssertNil(try Parser(language: .javascript).parse(jsx).firstError)
        let tree = try Parser(language: .javascript).parse("const c = a < b > (d);\n")
        XCTAssertNil(tree.firstError)
        XCTAssertEqual(tree.root.preorder().filter { $0.kind == "binary_expression" }.count, 2)
        let typescript = try Parser(language: .typescript).parse("const c = a < b > (d);\n")
        XCTAssertTrue(typescript.root.preorder().contains { $0.kind == "type_arguments" }, "TypeScript reads a generic call")
    }

    func testPreorderIsIterativeOnDeepInput() throws {
        // Deep nesting that would overflow a recursive walk on a small stack.
        let depth = 5_000
        let source = String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + ";\n"
        let tree = try Parser(language: .typescript).parse(source)
        var count = 0
        for _ in tree.root.preorder() { count += 1 }
        XCTAssertGreaterThan(count, depth)
    }

    func testSkipChildren() throws {
        let tree = try Parser(language: .typescript).parse("f(g(h()));\n")
        var walk = tree.root.preorder()
        var calls: [String] = []
        while let node = walk.next() {
            if node.kind == "call_expression" {
                calls.append(node.text)
                walk.skipChildren()
            }
        }
        XCTAssertEqual(calls, ["f(g(h()))"])
    }
}

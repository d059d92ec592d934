import Foundation
import XCTest
@testable import SyntaxTree

/// A source parsed in pieces must give the tree of one parse of the whole file, node for node;
/// where a cut would be wrong the scan must not offer it, and where a piece has an error the
/// whole file is parsed instead.
final class PieceParseTests: XCTestCase {
    func testPiecesGiveTheWholeFileTreeOnEveryFixture() throws {
        var cutFiles = 0
        for source in try FixtureSource.all() {
            let (url, language, bytes) = (source.url, source.language, source.bytes)
            // A piece per declaration: every cut the scan offers is taken.
            let parser = try Parser(language: language, pieceSize: 1)
            try FlatTreeTests.assertSameAsRuntime(parser.parse(bytes), bytes, language: language, name: url.path)
            let whole = try Parser(language: language).parse(bytes)
            if let cuts = StatementSplit.cuts(in: bytes, every: 1, jsx: language != .typescript), !cuts.isEmpty, whole.firstError == nil {
                // A clean file with cuts is parsed in pieces, not by the fallback.
                let pieces = try XCTUnwrap(parser.parse(bytes, cutAt: cuts), "\(url.path): a piece has an error")
                try FlatTreeTests.assertSameAsRuntime(pieces, bytes, language: language, name: url.path)
                cutFiles += 1
            }
        }
        XCTAssertGreaterThan(cutFiles, 80)
    }

    func testAGeneratedFileOfManyPieces() throws {
        var text = "import { prisma } from './db';\n\n"
        for index in 0..<400 {
            text += """
                /** Reads \(index) ({ } ` ' "). */
                export async function find\(index)(id: number) {
                  const pattern = /[}{`'"]+\\//g;
                  const label = `user ${ { id: `${id}}` }.id } of \(index)`;
                  return prisma.user.findUnique({ where: { id } });
                }
                const half\(index) = \(index) / 2 / 1;
                type T\(index) = { a: string };
                export class C\(index) { m() { return 'ä€'; } }

                """
        }
        let bytes = Array(text.utf8)
        let parser = try Parser(language: .typescript, pieceSize: 4096)
        let cuts = try XCTUnwrap(StatementSplit.cuts(in: bytes, every: 4096, jsx: false))
        XCTAssertGreaterThan(cuts.count, 20)
        let pieces = try XCTUnwrap(parser.parse(bytes, cutAt: cuts))
        XCTAssertNil(pieces.firstError)
        try FlatTreeTests.assertSameAsRuntime(pieces, bytes, language: .typescript, name: "generated")
        try FlatTreeTests.assertSameAsRuntime(parser.parse(bytes), bytes, language: .typescript, name: "generated")
        // Pieces parsed three at a time, by three parsers, merge into the same arrays.
        let threeAtOnce = try XCTUnwrap(Parser(language: .typescript, pieceSize: 4096, pieceWorkers: 3).parse(bytes, cutAt: cuts))
        FlatTreeTests.assertSameArrays(threeAtOnce, pieces)
    }

    /// Cuts fall only before a declaration after a finished statement, outside every construct.
    func testTheScanOffersNoCutInsideAConstruct() throws {
        let cases: [(String, [String])] = [
            // A regular expression with braces, quotes and a slash in a class.
            ("const re = /[`'}{/]/g;\nexport const a = 1;\n", ["export const a"]),
            // `return /re/` is a regular expression, `a / b / c` divisions.
            ("function f() { return /}'/; }\nconst x = a / b / c;\nexport const a = 1;\n", ["const x", "export const a"]),
            // A template with an object and a nested template in a substitution.
            ("const t = `${ { a: `}\nexport const no = 1;` }.a }`;\nexport const yes = 2;\n", ["export const yes"]),
            // A `}` and a declaration inside comments and strings.
            ("const a = 1;\n/* };\nexport const no = 1;\n*/\nexport const yes = 2;\n", ["export const yes"]),
            ("// };\nconst s = '};\\\nexport const no = 1;';\nexport const yes = 2;\n", ["export const yes"]),
            // No cut where the next line continues the statement, or where no statement ended.
            ("const a = {}\n[1].map(f);\nconst b = f\nexport const c = 1;\n", ["const b"]),
            ("const i = import('./a');\nimport('./b');\nimport.meta;\nimport x from './x';\n", ["import x"]),
        ]
        for (source, expected) in cases {
            let bytes = Array(source.utf8)
            let cuts = try XCTUnwrap(StatementSplit.candidates(in: bytes, jsx: false), source)
            XCTAssertEqual(cuts.count, expected.count, source)
            for (cut, line) in zip(cuts, expected) {
                XCTAssertTrue(bytes[cut.offset...].starts(with: Array(line.utf8)), "\(source): cut at \(cut.offset)")
                XCTAssertEqual(cut.row, bytes[..<cut.offset].filter { $0 == 0x0A }.count, source)
            }
            try FlatTreeTests.assertSameAsRuntime(Parser(language: .typescript, pieceSize: 1).parse(bytes), bytes, language: .typescript, name: source)
        }
    }

    func testTheScanIsUnsureOfUnterminatedOrUnbalancedText() throws {
        for source in ["const s = 'abc\nexport const x = 1;\n", "const t = `abc;\nexport const x = 1;\n",
                       "/* open;\nexport const x = 1;\n", "const a = 1;\n}\nexport const x = 1;\n",
                       "function f() {\n  return 1;\n\nexport const x = 1;\n"] {
            let bytes = Array(source.utf8)
            XCTAssertNil(StatementSplit.candidates(in: bytes, jsx: false), source)
            let tree = try Parser(language: .typescript, pieceSize: 1).parse(bytes)
            XCTAssertNotNil(tree.firstError, source)
            try FlatTreeTests.assertSameAsRuntime(tree, bytes, language: .typescript, name: source)
        }
    }

    /// A piece with an error sends the parse back to the whole file, whose error (and
    /// recovery) may differ from the piece's.
    func testAPieceWithAnErrorGivesTheWholeFileTree() throws {
        let source = "export const a = 1;\nexport function f() {\n  return 1 +;\n}\nexport const b = 2;\n"
        let bytes = Array(source.utf8)
        let parser = try Parser(language: .typescript, pieceSize: 1)
        let cuts = try XCTUnwrap(StatementSplit.cuts(in: bytes, every: 1, jsx: false))
        XCTAssertEqual(cuts.count, 2)
        XCTAssertNil(try parser.parse(bytes, cutAt: cuts))
        let tree = try parser.parse(bytes)
        XCTAssertNotNil(tree.firstError)
        // (The runtime's own parent of the MISSING node is one of its quirks: compared with the copy of one parse.)
        FlatTreeTests.assertSameArrays(tree, try Parser(language: .typescript, pieceSize: bytes.count).parse(bytes))
    }

    func testJSXTagsAreNotRegularExpressions() throws {
        let source = "export const A = () => <div a={1}><br /><b>x</b></div>;\nexport const B = () => <X {...p}/>;\n"
        let bytes = Array(source.utf8)
        let cuts = try XCTUnwrap(StatementSplit.candidates(in: bytes, jsx: true))
        XCTAssertEqual(cuts.count, 1)
        try FlatTreeTests.assertSameAsRuntime(Parser(language: .tsx, pieceSize: 1).parse(bytes), bytes, language: .tsx, name: "jsx")
    }

    // MARK: Selected statements

    /// The nodes below the root, each with its parent's start (-1 for the root) in place of an index.
    private func nodes(_ tree: Tree, within ranges: [Range<Int>]? = nil) -> [String] {
        var found: [String] = []
        var walk = tree.root.preorder()
        _ = walk.next()
        while let node = walk.next() {
            if let ranges, !ranges.contains(where: { $0.contains(node.byteRange.lowerBound) || ($0.upperBound == node.byteRange.lowerBound && node.byteRange.isEmpty) }) {
                continue
            }
            let parent = node.parent.map { $0.parent == nil ? -1 : $0.byteRange.lowerBound } ?? -1
            found.append("\(node.kind) \(node.isNamed) \(node.byteRange) \(parent)")
        }
        return found
    }

    func testSelectedStatementsGiveTheirNodesOfTheWholeParseOnEveryFixture() throws {
        var selectedFiles = 0
        for source in try FixtureSource.all() {
            let (url, language, bytes) = (source.url, source.language, source.bytes)
            let parser = try Parser(language: language)
            let whole = try parser.parse(bytes)
            var offered: [Range<Int>] = []
            // Every other statement, the first one kept.
            let tree = try parser.parse(bytes) { statements in
                offered = statements
                return statements.indices.map { $0 % 2 == 0 }
            }
            guard !tree.omittedRanges.isEmpty else {
                FlatTreeTests.assertSameArrays(tree, whole, url.path)
                continue
            }
            XCTAssertEqual(offered.first?.lowerBound, 0, url.path)
            XCTAssertEqual(offered.last?.upperBound, bytes.count, url.path)
            let kept = offered.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
            XCTAssertEqual(tree.omittedRanges, offered.enumerated().filter { $0.offset % 2 == 1 }.map(\.element), url.path)
            if let error = whole.firstError {
                // Only an error in a statement left out goes unseen (a kept one's sends the parse back to the whole file).
                XCTAssertTrue(tree.omittedRanges.contains { $0.contains(error.byteOffset) }, url.path)
                continue
            }
            XCTAssertEqual(nodes(tree), nodes(whole, within: kept), url.path)
            selectedFiles += 1
        }
        XCTAssertGreaterThan(selectedFiles, 60)
    }

    /// Where a wrong guess between a regular expression and a division would read a backtick
    /// or quote the other way, a parse that leaves statements out could take template text
    /// for code without an error: the strict scan offers no cut there, and JSX is never cut.
    func testStatementsAreSelectedOnlyWhereTheScanIsSureOfEveryQuote() throws {
        let unsure = [
            // `t.in` is a property, not the keyword `in`: the `/` divides (the scan now knows), and a backtick follows on the line.
            "export const rate = (t: { in: number }) => t.in / 60 + ` req/s`;\nexport const doc = `;\nexport const x = 1;\n`;\n",
            // A guessed regular expression with a quote in it.
            "const re = x ? /['\"]/g : null;\nexport const a = 1;\n",
            // `n!` and `i++` end operands: a guess of a regular expression would hide the `/*` after it.
            "export const avg = (sum: number, n?: number) => sum / n! / 1; /* off:\nconst x = 1;\nexport const z = 2;\nconst y = 2; */ // end\n",
            // A regular expression after `)` read as a division would open a comment at `/*`.
            "export function f(s: string) { if (s) /[/*]/.test(s); }\nexport const t = `\n*/ ] }\n;\nexport const z = 1;\nconst k = 1; // `;\n",
            // U+2028 ends a `//` comment for the parser; `<!--` starts one.
            "export const t = 1; // c\u{2028} export const u = `\n;\nexport const z = 1;\nconst k = 1; // `;\n",
            "export const a = 1;\n<!-- /*\nexport const t = `\n*/\n;\nexport const z = 1;\n",
            // `-->` and a first `#!` line are comments to the parser.
            "const a = 1; --> `\nconst q = `;\nexport const y = 2;\nconst z = 1; --> `\n// `\n",
            "#! `\nconst q = `;\nexport const y = 2;\n// `\n",
        ]
        for source in unsure {
            let bytes = Array(source.utf8)
            XCTAssertNil(StatementSplit.candidates(in: bytes, jsx: false, strict: true), source)
            XCTAssertTrue(try Parser(language: .typescript).parse(bytes) { $0.map { _ in false } + [] }.omittedRanges.isEmpty, source)
        }
        // A division with nothing after it on its line cannot be a regular expression: sure.
        XCTAssertEqual(StatementSplit.candidates(in: Array("const half = total / 2;\nexport const a = 1;\n".utf8), jsx: false, strict: true)?.count, 1)
        // Not strict (pieces of a large file, each parsed): the property is still read right.
        let property = Array("export const rate = (t: { in: number }) => t.in / 60;\nexport const b = 1;\n".utf8)
        XCTAssertEqual(StatementSplit.candidates(in: property, jsx: false)?.count, 1)
        let jsx = Array("export const Hint = () => <p>Press ` to copy</p>;\nexport const a = 1;\n".utf8)
        XCTAssertTrue(try Parser(language: .tsx).parse(jsx) { $0.indices.map { $0 == 0 } }.omittedRanges.isEmpty)
    }

    func testAnErrorInAKeptStatementGivesTheWholeParseOneInALeftOutStatementIsNotSeen() throws {
        let source = "export const a = 1;\nexport function f() {\n  return 1 +;\n}\nexport const b = 2;\n"
        let bytes = Array(source.utf8)
        let parser = try Parser(language: .typescript)
        let broken = try parser.parse(bytes) { $0.indices.map { $0 == 1 } }
        XCTAssertTrue(broken.omittedRanges.isEmpty)
        XCTAssertNotNil(broken.firstError)
        FlatTreeTests.assertSameArrays(broken, try parser.parse(bytes))

        let clean = try parser.parse(bytes) { $0.indices.map { $0 != 1 } }
        XCTAssertNil(clean.firstError)
        XCTAssertEqual(clean.omittedRanges.map { String(decoding: bytes[$0], as: UTF8.self) }, ["export function f() {\n  return 1 +;\n}\n"])
        XCTAssertEqual(clean.root.namedChildren.map(\.text), ["export const a = 1;", "export const b = 2;"])
        // Nothing left out, or nothing kept: the whole parse.
        FlatTreeTests.assertSameArrays(try parser.parse(bytes) { $0.map { _ in true } }, try parser.parse(bytes))
        XCTAssertTrue(try parser.parse(bytes) { $0.map { _ in false } }.omittedRanges.isEmpty)
    }
}

import CodemodCore
import XCTest

final class ImportEditorTests: XCTestCase {
    private func edit(_ source: String, _ make: (ImportEditor, [ImportStatement]) -> [Edit]) throws -> String {
        let file = try parse(source)
        return try apply(make(file.importEditor, file.imports), to: source)
    }

    private func remove(_ name: String, from source: String) throws -> String {
        try edit(source) { editor, imports in
            guard let statement = imports.first(where: { $0.specifier(named: name) != nil }),
                  let specifier = statement.specifier(named: name) else { return [] }
            return [editor.removeSpecifier(specifier, from: statement)]
        }
    }

    func testReadsSpecifiersAliasesDefaultsAndTypeImports() throws {
        let file = try parse("import type { A } from 'a';\nimport D, { b as c, type E } from \"m\";\nimport * as N from 'n';\n")
        let imports = file.imports
        XCTAssertEqual(imports.count, 3)
        XCTAssertTrue(imports[0].isTypeOnly)
        XCTAssertFalse(imports[0].acceptsValueSpecifiers)
        XCTAssertEqual(imports[1].module, "m")
        XCTAssertEqual(imports[1].defaultName, "D")
        XCTAssertEqual(imports[1].named.map(\.localName), ["c", "E"])
        XCTAssertEqual(imports[1].named.map(\.isType), [false, true])
        XCTAssertEqual(imports[2].namespaceName, "N")
    }

    func testRemovesSpecifiersInline() throws {
        XCTAssertEqual(try remove("a", from: "import { a, b, c } from 'm';\n"), "import { b, c } from 'm';\n")
        XCTAssertEqual(try remove("b", from: "import { a, b, c } from 'm';\n"), "import { a, c } from 'm';\n")
        XCTAssertEqual(try remove("c", from: "import { a, b, c } from 'm';\n"), "import { a, b } from 'm';\n")
        XCTAssertEqual(try remove("b", from: "import a, { b } from 'm';\n"), "import a from 'm';\n")
    }

    func testWholeLineEditsOnTheFirstLineKeepTheByteOrderMarkAtByteZero() throws {
        let bom = "\u{FEFF}"
        XCTAssertEqual(try remove("a", from: bom + "import { a } from 'm';\nconst y = 1;\n"), bom + "const y = 1;\n")
        XCTAssertEqual(try edit(bom + "import { a } from 'm';\n") { editor, imports in
            imports.first.map { [editor.insertLine("import 'polyfill';", before: $0)] } ?? []
        }, bom + "import 'polyfill';\nimport { a } from 'm';\n")
    }

    func testRemovingALastLineWithoutTerminatorTakesTheTerminatorBeforeIt() throws {
        for ending in ["\n", "\r\n", "\r"] {
            XCTAssertEqual(try remove("a", from: "import x from 'x';" + ending + "import { a } from 'm';"), "import x from 'x';", ending.debugDescription)
        }
    }

    func testRemovingTheLastSpecifierRemovesTheLine() throws {
        XCTAssertEqual(try remove("a", from: "import x from 'x';\nimport { a } from 'm';\nconst y = 1;\n"),
                       "import x from 'x';\nconst y = 1;\n")
        XCTAssertEqual(try remove("a", from: "import { a } from 'm'; // note\n"), "// note\n")
    }

    func testRemovesSpecifiersOnTheirOwnLines() throws {
        XCTAssertEqual(try remove("a", from: "import {\n  a,\n  b,\n} from 'm';\n"), "import {\n  b,\n} from 'm';\n")
        XCTAssertEqual(try remove("b", from: "import {\n  a,\n  b\n} from 'm';\n"), "import {\n  a\n} from 'm';\n")
    }

    func testAddsSpecifiersInTheBracesLayout() throws {
        func add(_ source: String, first: Bool) throws -> String {
            try edit(source) { editor, imports in [editor.addSpecifier("Z", to: imports[0], first: first)] }
        }
        XCTAssertEqual(try add("import { a } from 'm';\n", first: false), "import { a, Z } from 'm';\n")
        XCTAssertEqual(try add("import { a } from 'm';\n", first: true), "import { Z, a } from 'm';\n")
        XCTAssertEqual(try add("import {\n  a,\n} from 'm';\n", first: false), "import {\n  a,\n  Z,\n} from 'm';\n")
        XCTAssertEqual(try add("import {\n\ta\n} from 'm';\n", first: false), "import {\n\ta,\n\tZ\n} from 'm';\n")
        XCTAssertEqual(try add("import D from 'm';\n", first: false), "import D, { Z } from 'm';\n")
    }

    func testNewStatementsFollowTheFileStyle() throws {
        let file = try parse("import { a } from \"m\"\r\nconst x = 1\r\n")
        XCTAssertEqual(file.importEditor.statementText(named: ["P"], from: "p"), "import { P } from \"p\"")
        let result = try apply([file.importEditor.insertAfterImports(["const c = 1"], imports: file.imports)],
                               to: "import { a } from \"m\"\r\nconst x = 1\r\n")
        XCTAssertEqual(result, "import { a } from \"m\"\r\nconst c = 1\r\nconst x = 1\r\n")
    }
}

extension ImportEditorTests {
    func testCommentsInsideBracesAreNeverDeleted() throws {
        func remove(_ name: String, _ source: String) throws -> String {
            let file = try parse(source)
            let statement = file.imports[0]
            return try apply([file.importEditor.removeSpecifier(try XCTUnwrap(statement.specifier(named: name)), from: statement)], to: source)
        }
        let source = "import {\n  prisma, // the shared client\n  /* retry */ executeWithRetry,\n} from '../utils/prisma';\n"
        XCTAssertEqual(try remove("prisma", source), "import {\n  // the shared client\n  /* retry */ executeWithRetry,\n} from '../utils/prisma';\n")
        XCTAssertEqual(try remove("executeWithRetry", source), "import {\n  prisma, // the shared client\n  /* retry */ \n} from '../utils/prisma';\n")
        XCTAssertEqual(try remove("a", "import { a /* shared, of course */, b } from 'm';\n"), "import {  /* shared, of course */ b } from 'm';\n")
        XCTAssertEqual(try remove("b", "import { a, /* why */ b } from 'm';\n"), "import { a /* why */  } from 'm';\n", "the comment stays; spacing is not worth a guess")
    }
}

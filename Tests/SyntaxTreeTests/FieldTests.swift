import XCTest
@testable import SyntaxTree

final class FieldTests: XCTestCase {
    /// A misspelt `Field` would find nothing in any file, silently.
    func testEveryFieldIsAFieldOfEveryGrammar() {
        for language in Language.allCases {
            let names = language.names
            // JavaScript has no types.
            for field in Field.allCases where !(language == .javascript && [.typeArguments, .type].contains(field)) {
                XCTAssertNotEqual(names.fieldIDsByField[field.rawValue], 0, "\(language) \(field)")
                XCTAssertEqual(names.fieldIDsByField[field.rawValue], names.fieldID(field.grammarName), "\(language) \(field)")
            }
        }
    }

    func testAFieldChildIsTheFirstChildUnderIt() throws {
        let tree = try Parser(language: .typescript).parse("const a = f(1), b = 2;")
        let declarators = tree.root.preorder().filter { $0.kind == "variable_declarator" }
        XCTAssertEqual(declarators.map { $0.child(field: .name)?.text }, ["a", "b"])
        XCTAssertEqual(declarators.first?.child(field: .value)?.child(field: .function)?.text, "f")
        XCTAssertNil(declarators.first?.child(field: .body))
    }
}

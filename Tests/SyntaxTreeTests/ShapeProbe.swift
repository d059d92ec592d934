import XCTest
@testable import SyntaxTree

final class ShapeProbe: XCTestCase {
    func testPrint() throws {
        guard let src = ProcessInfo.processInfo.environment["PROBE"] else { return }
        let tree = try Parser(language: .typescript).parse(src)
        print("SEXP:", tree.root.sExpression)
    }
}

import Foundation
import XCTest
@testable import CodemodCore
@testable import SyntaxTree

/// The engine re-parses a transform's output incrementally from the input's tree; on every
/// changed golden case that tree must be the one a fresh parse of the output gives.
final class IncrementalReparseTests: XCTestCase {
    func testTheOutputsIncrementalTreeIsItsFreshTreeOnEveryGoldenCase() throws {
        var compared = 0
        var reused = 0
        for golden in try GoldenCase.all() where golden.expectation == .changed {
            let label = "\(golden.transform)/\(golden.name)"
            let input = try golden.input()
            let outcome = try golden.run(golden.transform, on: input)
            guard outcome.status == .changed else { continue }  // GoldenCaseTests reports it
            let parsers = ParserSet()
            let original = try ParsedFile.clean(path: golden.path, bytes: input, parsers: parsers, retainingRuntime: true)
            if original.tree.canBeReparsed { reused += 1 }
            let edits = try EditSet(outcome.edits).orderedEdits
            let incremental = try ParsedFile.clean(path: golden.path, bytes: outcome.updated, parsers: parsers, reusing: (original, edits))
            let fresh = try ParsedFile.clean(path: golden.path, bytes: outcome.updated, parsers: ParserSet())
            XCTAssertEqual(incremental.repairs, fresh.repairs, label)
            XCTAssertEqual(incremental.tree.symbols, fresh.tree.symbols, "\(label): kinds")
            XCTAssertEqual(incremental.tree.flags, fresh.tree.flags, "\(label): flags")
            XCTAssertEqual(incremental.tree.fields, fresh.tree.fields, "\(label): fields")
            XCTAssertEqual(incremental.tree.startBytes, fresh.tree.startBytes, "\(label): starts")
            XCTAssertEqual(incremental.tree.endBytes, fresh.tree.endBytes, "\(label): ends")
            XCTAssertEqual(incremental.tree.parents, fresh.tree.parents, "\(label): parents")
            compared += 1
        }
        XCTAssertGreaterThan(compared, 50)
        XCTAssertGreaterThan(reused, compared / 2, "most inputs parse as they are, so most re-parses are incremental")
    }
}

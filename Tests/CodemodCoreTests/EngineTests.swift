import CodemodCore
import SyntaxTree
import XCTest

/// Transforms that misbehave on purpose, to prove the engine never lets their output out.
private struct AppendText: Transform {
    let id = "append"
    let text: String
    func rewrite(_ file: ParsedFile) throws -> Rewrite {
        Rewrite(edits: [.insert(text, at: file.bytes.count)], sites: [Site(range: 0..<0, label: "end")])
    }
}

private struct Overlapping: Transform {
    let id = "overlap"
    func rewrite(_ file: ParsedFile) throws -> Rewrite {
        Rewrite(edits: [.delete(0..<4), .delete(2..<6)])
    }
}

final class EngineTests: XCTestCase {
    let source = Array("const a = 1;\n".utf8)

    private func run(_ transform: Transform, _ bytes: [UInt8]) throws -> FileOutcome {
        Engine().run(transform, path: "src/a.ts", bytes: bytes, parsers: ParserSet())
    }

    func testOutputThatDoesNotParseIsNotReleased() throws {
        let outcome = try run(AppendText(text: "const = ;\n"), source)
        XCTAssertEqual(outcome.status, .failed)
        XCTAssertEqual(outcome.updated, source, "the original bytes stay")
        guard case .outputDoesNotParse(let path, let position, let transform) = outcome.error else { return XCTFail("\(String(describing: outcome.error))") }
        XCTAssertEqual(path, "src/a.ts")
        XCTAssertEqual(position.row, 1)
        XCTAssertEqual(transform, "append")
    }

    func testTransformThatWouldChangeItsOwnOutputIsReported() throws {
        // Appending a statement every time is valid code but never settles.
        let outcome = try run(AppendText(text: "const b = 2;\n"), source)
        XCTAssertEqual(outcome.status, .failed)
        XCTAssertEqual(outcome.error, .notIdempotent(path: "src/a.ts", transform: "append"))
    }

    func testOverlappingEditsAreRejected() throws {
        let outcome = try run(Overlapping(), source)
        XCTAssertEqual(outcome.status, .failed)
        guard case .overlappingEdits = outcome.error else { return XCTFail("\(String(describing: outcome.error))") }
    }

    func testInputThatDoesNotParseIsLeftWithItsPosition() throws {
        let outcome = try run(AppendText(text: ""), Array("let x = (;\n".utf8))
        XCTAssertEqual(outcome.status, .failed)
        XCTAssertTrue(outcome.error?.message.hasPrefix("src/a.ts:1:") == true, outcome.error?.message ?? "")
    }
}

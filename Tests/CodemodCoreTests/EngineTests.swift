import CodemodCore
import SyntaxTree
import XCTest

/// Transforms that misbehave on purpose, to prove the engine never lets their output out.
private struct AppendText: Transform {
    static let id = "append"
    static let summary = "Appends text."
    static let inverse = "append"
    static let granularity = Granularity.file
    let text: String

    func analyze(_ file: ParsedFile) throws -> ParsedFile { file }

    func candidates(in file: ParsedFile) -> [Candidate] {
        [Candidate(key: SiteKey("end"), range: file.bytes.count..<file.bytes.count, lines: 1...1, label: "end", operation: nil)]
    }

    func edits(for selected: [Candidate], in file: ParsedFile) throws -> Rewrite {
        Rewrite(edits: [.insert(text, at: file.bytes.count)])
    }
}

private struct Overlapping: Transform {
    static let id = "overlap"
    static let summary = "Overlaps."
    static let inverse = "overlap"
    static let granularity = Granularity.file

    func analyze(_ file: ParsedFile) throws -> ParsedFile { file }

    func candidates(in file: ParsedFile) -> [Candidate] {
        [Candidate(key: SiteKey("all"), range: 0..<6, lines: 1...1, label: "all", operation: nil)]
    }

    func edits(for selected: [Candidate], in file: ParsedFile) throws -> Rewrite {
        Rewrite(edits: [.delete(0..<4), .delete(2..<6)])
    }
}

/// `let x` ⇄ `const x`, keyed by the declared name: a pair to test selection with.
private struct Keyword: Transform {
    static var id: String { "keyword" }
    static let summary = "Swaps a declaration keyword."
    static let inverse = "keyword"
    static let granularity = Granularity.callSite
    let from: String
    let to: String

    func analyze(_ file: ParsedFile) throws -> ParsedFile { file }

    func candidates(in file: ParsedFile) -> [Candidate] {
        file.root.preorder().compactMap { node -> Candidate? in
            guard node.kind == "lexical_declaration", let keyword = node.children.first, file.text(keyword) == from,
                  let name = node.namedChildren.first?.child(field: "name") else { return nil }
            let line = file.lines.lineNumber(of: node.byteRange.lowerBound)
            return Candidate(key: SiteKey(file.text(name)), range: keyword.byteRange, lines: line...line, label: file.text(name),
                             operation: "decl.\(file.text(name))", leaveReason: file.text(name) == "frozen" ? "frozen on purpose" : nil)
        }
    }

    func edits(for selected: [Candidate], in file: ParsedFile) throws -> Rewrite {
        Rewrite(edits: selected.map { Edit(range: $0.range, replacement: to) })
    }
}

final class EngineTests: XCTestCase {
    let source = Array("const a = 1;\n".utf8)

    private func run(_ transform: some Transform, _ bytes: [UInt8]) throws -> FileOutcome {
        Engine().run(transform, path: "src/a.ts", bytes: bytes, parsers: ParserSet())
    }

    func testOutputThatDoesNotParseIsNotReleased() throws {
        let outcome = try run(AppendText(text: "const = ;\n"), source)
        XCTAssertEqual(outcome.status, .failed)
        XCTAssertEqual(outcome.updated, source, "the original bytes stay")
        guard case .outputDoesNotParse(let path, let position, let transform) = outcome.error else { return XCTFail("\(String(describing: outcome.error))") }
        XCTAssertEqual(path, "src/a.ts")
        XCTAssertEqual(position.line, 2)
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

    /// The engine alone selects: by line, by operation, by key; it tells which selectors named
    /// a site to change, which named one already changed (the inverse's candidate), and which nothing.
    func testSelectionByLineOperationAndKey() throws {
        let text = Array("let a = 1;\nconst b = 2;\nlet c = 3;\nlet frozen = 4;\n\n".utf8)
        let toConst = Keyword(from: "let", to: "const")
        let toLet = Keyword(from: "const", to: "let")
        func run(_ selection: Selection) -> FileOutcome {
            Engine().run(toConst, inverse: toLet, selection: selection, path: "src/a.ts", bytes: text, parsers: ParserSet())
        }
        let at = [1, 2, 4, 5].map { SiteAddress(path: "src/a.ts", line: $0) }
        let byLine = run(Selection(at: at))
        XCTAssertEqual(String(decoding: byLine.updated, as: UTF8.self), "const a = 1;\nconst b = 2;\nlet c = 3;\nlet frozen = 4;\n\n")
        XCTAssertEqual(byLine.pending, [.at(at[0]), .at(at[2])], "line 4 is a candidate left with a reason")
        XCTAssertEqual(byLine.done, [.at(at[1])], "line 2 is already const")
        XCTAssertEqual(byLine.skipped.map(\.message), ["frozen: frozen on purpose"])
        XCTAssertEqual(byLine.sites.map(\.key), [SiteKey("a")])

        let byOperation = run(Selection(only: ["decl.c", "decl.zzz"]))
        XCTAssertEqual(byOperation.sites.map(\.label), ["c"])
        XCTAssertEqual(byOperation.pending, [.only("decl.c")])

        let byKey = run(Selection(keys: ["src/a.ts": [SiteKey("c"), SiteKey("b"), SiteKey("gone")]]))
        XCTAssertEqual(byKey.sites.map(\.key), [SiteKey("c")])
        XCTAssertEqual(byKey.done, [.key(path: "src/a.ts", key: SiteKey("b"))])
        XCTAssertEqual(Engine().run(toConst, selection: Selection(keys: ["src/b.ts": [SiteKey("a")]]), path: "src/a.ts", bytes: text,
                                    parsers: ParserSet()).status, .unchanged, "keys of another file select nothing here")

        // Positions are one-based and counted in code points; the changed site's new place is given.
        XCTAssertEqual(byLine.sites.first?.after, SourcePosition(line: 1, column: 1))
    }
}

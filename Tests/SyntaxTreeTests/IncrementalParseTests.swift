import Foundation
import XCTest
@testable import SyntaxTree

/// `Parser.reparse` must give the tree a fresh parse of the edited text gives, node for node,
/// however the edits shift offsets, rows and columns.
final class IncrementalParseTests: XCTestCase {
    func testReparseEqualsAFreshParseOnEveryFixture() throws {
        var reparsed = 0
        for source in try FixtureSource.all() {
            let (url, language, bytes) = (source.url, source.language, source.bytes)
            let parser = try Parser(language: language)
            let original = try parser.parse(bytes, retainingRuntime: true)
            guard !original.root.hasError else { continue }
            XCTAssertTrue(original.canBeReparsed)
            for changes in [Self.renaming("prisma", to: "database", in: bytes), Self.blankLines(in: bytes), Self.deletingComments(in: original)]
            where !changes.isEmpty {
                let edited = Self.apply(changes, to: bytes)
                let incremental = try parser.reparse(edited, previous: original, changes: changes)
                let fresh = try Parser(language: language).parse(edited)
                FlatTreeTests.assertSameArrays(incremental, fresh, url.lastPathComponent)
                reparsed += 1
            }
        }
        XCTAssertGreaterThan(reparsed, 100)
    }

    func testTouchingChangesAndInsertionsAtOneOffsetAreMerged() throws {
        let parser = try Parser(language: .typescript)
        let bytes = Array("const a = f(1);\nconst b = 2;\n".utf8)
        let original = try parser.parse(bytes, retainingRuntime: true)
        // Two insertions at one offset, and a replacement right after them.
        let changes = [SourceChange(range: 10..<10, replacement: Array("g(".utf8)),
                       SourceChange(range: 10..<10, replacement: Array("\n  ".utf8)),
                       SourceChange(range: 10..<14, replacement: Array("h(2))".utf8))]
        let edited = Self.apply(changes, to: bytes)
        XCTAssertEqual(String(decoding: edited, as: UTF8.self), "const a = g(\n  h(2));\nconst b = 2;\n")
        FlatTreeTests.assertSameArrays(try parser.reparse(edited, previous: original, changes: changes), try parser.parse(edited), "merged")
    }

    func testChangesOutOfOrderOrWithoutAKeptTreeGiveAFreshParse() throws {
        let parser = try Parser(language: .typescript)
        let bytes = Array("let a = 1;\nlet b = 2;\n".utf8)
        let edited = Array("let x = 1;\nlet y = 2;\n".utf8)
        let changes = [SourceChange(range: 15..<16, replacement: [UInt8(ascii: "y")]), SourceChange(range: 4..<5, replacement: [UInt8(ascii: "x")])]
        let kept = try parser.parse(bytes, retainingRuntime: true)
        FlatTreeTests.assertSameArrays(try parser.reparse(edited, previous: kept, changes: changes), try parser.parse(edited), "out of order")
        let notKept = try parser.parse(bytes)
        XCTAssertFalse(notKept.canBeReparsed)
        FlatTreeTests.assertSameArrays(try parser.reparse(edited, previous: notKept, changes: changes.reversed()), try parser.parse(edited), "not kept")
    }

    // MARK: Edits that keep a valid file valid

    static func renaming(_ word: String, to replacement: String, in bytes: [UInt8]) -> [SourceChange] {
        let needle = Array(word.utf8)
        var changes: [SourceChange] = []
        var index = 0
        while index + needle.count <= bytes.count {
            if bytes[index..<(index + needle.count)].elementsEqual(needle) {
                changes.append(SourceChange(range: index..<(index + needle.count), replacement: Array(replacement.utf8)))
                index += needle.count
            } else {
                index += 1
            }
        }
        return changes
    }

    /// An empty line before every third line.
    static func blankLines(in bytes: [UInt8]) -> [SourceChange] {
        var changes: [SourceChange] = []
        var line = 0
        for (offset, byte) in bytes.enumerated() where byte == 0x0A {
            line += 1
            if line % 3 == 0 { changes.append(SourceChange(range: (offset + 1)..<(offset + 1), replacement: [0x0A])) }
        }
        return changes
    }

    static func deletingComments(in tree: Tree) -> [SourceChange] {
        tree.root.preorder().filter { $0.kind == "comment" }.map { SourceChange(range: $0.byteRange, replacement: []) }
    }

    static func apply(_ changes: [SourceChange], to bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var cursor = 0
        for change in changes {
            result += bytes[cursor..<change.range.lowerBound]
            result += change.replacement
            cursor = max(cursor, change.range.upperBound)
        }
        return result + bytes[cursor...]
    }
}

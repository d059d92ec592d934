import Foundation
import XCTest
@testable import prisma_codemod

/// `JSONOutput.write` streams large arrays; its text must be the one `encode` gives, byte for byte.
final class JSONStreamingTests: XCTestCase {
    struct Item: Encodable {
        var name: String
        var tags: [String]
        var nested: [String: Int]
    }

    struct Document: Encodable {
        var version = 1
        var items: StreamedArray<Item>
        var empty: StreamedArray<Item>
        var inner: Inner
        var zebra = "last/key"
    }

    struct Inner: Encodable {
        var deeper: [Deeper]
    }

    struct Deeper: Encodable {
        var values: StreamedArray<Int>
        var label = "a \"quoted\" label\nwith a line break"
    }

    func testStreamedTextIsTheEncodedText() throws {
        // Enough items for several pieces of a megabyte, streamed arrays at three depths, and an empty one.
        let items = (0..<12_000).map { Item(name: "item \($0) / \(String(repeating: "x", count: $0 % 50))", tags: $0 % 3 == 0 ? [] : ["a", "b"],
                                           nested: $0 % 2 == 0 ? [:] : ["k": $0]) }
        let document = Document(items: StreamedArray(items), empty: StreamedArray([]),
                                inner: Inner(deeper: [Deeper(values: StreamedArray([1, 2, 3])), Deeper(values: StreamedArray([]))]))
        var pieces: [String] = []
        try JSONOutput.write(document, to: { pieces.append($0) })
        XCTAssertGreaterThan(pieces.count, 1, "a large document comes in pieces")
        XCTAssertEqual(pieces.joined(), JSONOutput.encode(document))

        var topLevel = ""
        try JSONOutput.write(StreamedArray(items.prefix(3).map { $0 }), to: { topLevel += $0 })
        XCTAssertEqual(topLevel, JSONOutput.encode(StreamedArray(items.prefix(3).map { $0 })))
        XCTAssertEqual(topLevel, JSONOutput.encode(items.prefix(3).map { $0 }), "a streamed array encodes as a plain one")
    }
}

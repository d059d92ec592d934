import CTreeSitter
import Foundation
import XCTest
@testable import SyntaxTree

/// The flat copy of a tree must answer every question as the tree-sitter runtime does
/// (kinds, ranges, points, flags, parents, fields), on every source file of the fixtures.
final class FlatTreeTests: XCTestCase {
    func testFlatTreeAnswersAsTheRuntimeOnEveryFixture() throws {
        var checked = 0
        for source in try FixtureSource.all() {
            let (url, language, bytes) = (source.url, source.language, source.bytes)
            try compare(bytes, language: language, name: url.path)
            checked += 1
        }
        XCTAssertGreaterThan(checked, 100)
        // A parse with errors and missing nodes, and an empty file.
        try compare(Array("const x = (1 + ;\nfunction f( {\n".utf8), language: .typescript, name: "broken")
        try compare([], language: .typescript, name: "empty")
    }

    func testEveryFieldNameFindsItsID() {
        for names in [GrammarNames.typescript, .tsx, .javascript] {
            for (id, name) in names.fields.enumerated() where id > 0 && !name.isEmpty {
                XCTAssertEqual(names.fieldID(name), UInt16(id), name)
            }
            XCTAssertNil(names.fieldID("no_such_field"))
        }
    }

    private func compare(_ bytes: [UInt8], language: Language, name: String) throws {
        try Self.assertSameAsRuntime(Parser(language: language).parse(bytes), bytes, language: language, name: name)
    }

    /// Fails unless `flat` answers every question as one runtime parse of all of `bytes` does.
    /// Two flat trees alike, array by array (a tree made another way against a fresh parse).
    static func assertSameArrays(_ tree: Tree, _ expected: Tree, _ name: String = "", file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(tree.source, expected.source, name, file: file, line: line)
        XCTAssertEqual(tree.symbols, expected.symbols, "\(name): kinds", file: file, line: line)
        XCTAssertEqual(tree.flags, expected.flags, "\(name): flags", file: file, line: line)
        XCTAssertEqual(tree.fields, expected.fields, "\(name): fields", file: file, line: line)
        XCTAssertEqual(tree.startBytes, expected.startBytes, "\(name): starts", file: file, line: line)
        XCTAssertEqual(tree.endBytes, expected.endBytes, "\(name): ends", file: file, line: line)
        XCTAssertEqual(tree.parents, expected.parents, "\(name): parents", file: file, line: line)
        XCTAssertEqual(tree.subtreeEnds, expected.subtreeEnds, "\(name): subtrees", file: file, line: line)
    }

    static func assertSameAsRuntime(_ flat: Tree, _ bytes: [UInt8], language: Language, name: String) throws {
        let parser = try XCTUnwrap(ts_parser_new())
        defer { ts_parser_delete(parser) }
        XCTAssertTrue(ts_parser_set_language(parser, language.pointer))
        let text = bytes.map { CChar(bitPattern: $0) } + [0]
        let raw = try XCTUnwrap(text.withUnsafeBufferPointer { ts_parser_parse_string(parser, nil, $0.baseAddress, UInt32(bytes.count)) })
        defer { ts_tree_delete(raw) }
        let fieldCount = ts_language_field_count(language.pointer)
        var expected: [TSNode] = []
        var pending = [ts_tree_root_node(raw)]
        while let node = pending.popLast() {
            expected.append(node)
            pending += (0..<ts_node_child_count(node)).reversed().map { ts_node_child(node, $0) }
        }
        let nodes = Array(flat.root.preorder())
        XCTAssertEqual(nodes.count, expected.count, name)
        var indexOf: [Int: Int] = [:]  // the runtime's node id → pre-order position
        for (position, node) in expected.enumerated() { indexOf[Int(bitPattern: node.id)] = position }
        for (node, rawNode) in zip(nodes, expected) {
            let place = "\(name) \(node)"
            XCTAssertEqual(node.kind, String(cString: ts_node_type(rawNode)), place)
            XCTAssertEqual(node.byteRange, Int(ts_node_start_byte(rawNode))..<Int(ts_node_end_byte(rawNode)), place)
            XCTAssertEqual(node.start, Point(row: Int(ts_node_start_point(rawNode).row), column: Int(ts_node_start_point(rawNode).column)), place)
            XCTAssertEqual(node.end, Point(row: Int(ts_node_end_point(rawNode).row), column: Int(ts_node_end_point(rawNode).column)), place)
            XCTAssertEqual(node.isNamed, ts_node_is_named(rawNode), place)
            XCTAssertEqual(node.isMissing, ts_node_is_missing(rawNode), place)
            XCTAssertEqual(node.hasError, ts_node_has_error(rawNode), place)
            XCTAssertEqual(node.childCount, Int(ts_node_child_count(rawNode)), place)
            XCTAssertEqual(node.namedChildCount, Int(ts_node_named_child_count(rawNode)), place)
            // The runtime's ts_node_parent is wrong for some tokens (it can answer a node that
            // comes after the token); for those the check is that the parent lists the node as a child.
            let parent = ts_node_parent(rawNode)
            if node.isNamed {
                XCTAssertEqual(node.parent?.index, ts_node_is_null(parent) ? nil : indexOf[Int(bitPattern: parent.id)], place)
            } else {
                XCTAssertTrue(node.parent?.children.contains(node) ?? false, place)
            }
            for field in 1...max(1, fieldCount) where fieldCount > 0 {
                guard let fieldName = ts_language_field_name_for_id(language.pointer, TSFieldId(field)) else { continue }
                let child = ts_node_child_by_field_id(rawNode, TSFieldId(field))
                let expectedIndex = ts_node_is_null(child) ? nil : indexOf[Int(bitPattern: child.id)]
                // One runtime quirk is not copied: `typeof a.b` (type_query) gives a member
                // expression's fields to the type_query itself, which nothing here asks for.
                if node.kind == "type_query" { continue }
                XCTAssertEqual(node.child(field: String(cString: fieldName))?.index, expectedIndex, "\(place) field \(String(cString: fieldName))")
            }
        }
    }
}

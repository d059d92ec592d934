import CodemodCore
import XCTest

final class EditSetTests: XCTestCase {
    func testAppliesReplacementsAndInsertionsInOnePass() throws {
        let result = try apply([.insert("<", at: 0), Edit(range: 2..<5, replacement: "XY"), .insert(">", at: 7)], to: "abcdefg")
        XCTAssertEqual(result, "<abXYfg>")
    }

    func testRejectsOverlappingReplacements() {
        var set = EditSet()
        XCTAssertNoThrow(try set.add(Edit(range: 0..<4, replacement: "")))
        XCTAssertThrowsError(try set.add(Edit(range: 3..<6, replacement: ""))) { error in
            XCTAssertEqual(error as? EditError, .overlap(0..<4, 3..<6))
        }
        XCTAssertThrowsError(try set.add(.insert("x", at: 2)))
        // Touching ranges and insertions at a boundary do not overlap.
        XCTAssertNoThrow(try set.add(Edit(range: 4..<6, replacement: "")))
        XCTAssertNoThrow(try set.add(.insert("x", at: 4)))
    }

    func testInsertionsAtOneOffsetKeepTheirOrder() throws {
        XCTAssertEqual(try apply([.insert("1", at: 1), .insert("2", at: 1)], to: "ab"), "a12b")
    }

    func testOutOfBoundsIsAnError() {
        XCTAssertThrowsError(try EditSet([Edit(range: 2..<9, replacement: "")]).apply(to: Array("abc".utf8)))
    }

    func testMapsOffsetsIntoTheNewText() throws {
        let set = try EditSet([.insert("12345", at: 0), Edit(range: 3..<6, replacement: "Z")])
        XCTAssertEqual(set.map(0), 5)
        XCTAssertEqual(set.map(2), 7)
        XCTAssertEqual(set.map(4), 8)   // inside the replaced range: its start
        XCTAssertEqual(set.map(7), 10)
    }
}

import CodemodCore
import Foundation
import PrismaTransforms
import XCTest

/// Every case under Fixtures/cases: the expected output byte for byte, and the
/// properties every output must have (parses, idempotent, inverse restores input).
final class GoldenCaseTests: XCTestCase {
    func testEveryGoldenCase() throws {
        let cases = try GoldenCase.all()
        XCTAssertGreaterThan(cases.count, 20)
        var recorded: [String] = []
        for golden in cases {
            let label = "\(golden.transform)/\(golden.name)"
            let input = try golden.input()
            let outcome = try golden.run(golden.transform, on: input)
            switch golden.expectation {
            case .failed:
                XCTAssertEqual(outcome.status, .failed, label)
                if let reason = golden.reason { XCTAssertTrue(outcome.error?.message.contains(reason) == true, "\(label): \(outcome.error?.message ?? "no error")") }
                continue
            case .skipped:
                XCTAssertEqual(outcome.status, .skipped, label)
                if let reason = golden.reason { XCTAssertTrue(outcome.skipReason?.contains(reason) == true, "\(label): \(outcome.skipReason ?? "no reason")") }
                continue
            case .unchanged:
                XCTAssertEqual(outcome.status, .unchanged, "\(label): \(outcome.error?.message ?? "")")
                if let reason = golden.reason {
                    let messages = (outcome.skipped + outcome.notes + outcome.unfollowed).map(\.message).joined(separator: " | ")
                    XCTAssertTrue(messages.contains(reason), "\(label): \(messages)")
                }
                continue
            case .changed:
                XCTAssertEqual(outcome.status, .changed, "\(label): \(outcome.error?.message ?? outcome.skipReason ?? "unchanged")")
            }
            if recordFixtures {
                try Data(outcome.updated).write(to: golden.expectedURL)
                recorded.append(label)
                continue
            }
            let expected = [UInt8](try Data(contentsOf: golden.expectedURL))
            XCTAssertEqual(String(decoding: outcome.updated, as: UTF8.self), String(decoding: expected, as: UTF8.self), label)
            XCTAssertEqual(outcome.updated, expected, "\(label): bytes differ")
            if let reason = golden.reason {
                let messages = (outcome.skipped + outcome.notes + outcome.unfollowed).map(\.message).joined(separator: " | ")
                XCTAssertTrue(messages.contains(reason), "\(label): \(messages)")
            }

            // Idempotence: the transform finds nothing more to do on its own output.
            let again = try golden.run(golden.transform, on: expected)
            XCTAssertEqual(again.status, .unchanged, "\(label): not idempotent")

            // Round trip: the inverse restores the input byte for byte,
            // selected by the keys of the sites it changed, as a revert selects them.
            if golden.roundTrip, let inverse = TransformRegistry.entry(golden.transform)?.inverse {
                let keys = Selection(keys: [golden.path: Set(outcome.sites.map(\.key))])
                let back = try golden.run(inverse, on: expected, selection: keys)
                XCTAssertEqual(String(decoding: back.updated, as: UTF8.self), String(decoding: input, as: UTF8.self),
                               "\(label): \(inverse) does not restore the input")
            }
        }
        if recordFixtures {
            XCTFail("recorded \(recorded.count) expected file(s); review them with git diff and run again without RECORD_FIXTURES")
        }
    }
}

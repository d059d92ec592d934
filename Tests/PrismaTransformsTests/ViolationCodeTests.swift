import XCTest
@testable import PrismaTransforms

/// A violation's code is what baselines and fingerprints match on: whitespace runs collapse to
/// one space, the same over bytes (ASCII) as over characters (anything else).
final class ViolationCodeTests: XCTestCase {
    func testWhitespaceRunsCollapseAlike() {
        let samples = ["executeWithRetry(() =>\r\n    prisma.user.findMany()\n  )", "  \t a \u{0B}\u{0C} b \r\n", "", "   ", "x",
                       "f(\"ü\",\n  1)", "a\u{00A0}\u{00A0}b\n c", "emoji 👍🏽\t\tend"]
        for sample in samples {
            XCTAssertEqual(Violation.normalized(sample), sample.split(whereSeparator: \.isWhitespace).joined(separator: " "), sample.debugDescription)
        }
        XCTAssertEqual(Violation.normalized("a(\n   b,\r\n\tc )"), "a( b, c )")
    }
}

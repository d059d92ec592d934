import Foundation
import PrismaTransforms
import XCTest

/// README names what the code declares: a new transform, check or phase without its
/// line in README fails here, so the docs cannot silently fall behind.
final class DocumentationTests: XCTestCase {
    func testReadmeNamesEveryTransformCheckAndCommand() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        for entry in TransformRegistry.all {
            XCTAssertTrue(readme.contains("| `\(entry.id)` | `\(entry.inverse)` |"), "README lacks the row of \(entry.id)")
        }
        for check in CheckRegistry.all {
            let row = "| `\(check.id)` | \(check.defaultSeverity.rawValue) | \(check.enabledByDefault ? "on" : "off") | \(check.summary) |"
            XCTAssertTrue(readme.contains(row), "README lacks the check's row, or it disagrees with the type: \(row)")
        }
        for command in ["init", "inventory", "list", "diff", "apply", "check", "plan", "history", "rollback", "revert"] {
            XCTAssertTrue(readme.contains("`\(command)"), "README lacks the command \(command)")
        }
    }
}

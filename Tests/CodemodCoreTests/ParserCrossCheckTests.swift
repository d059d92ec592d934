import XCTest
import CodemodCore
import SyntaxTree

/// tree-sitter may call a file a syntax error only when TypeScript's own parser does too:
/// every TypeScript file under Fixtures/ goes through `ParsedFile.clean` and through
/// scripts/ts-parse-check.js (Debian's tsc 4.8).
///
/// Fixtures/parsing/ holds the shapes that broke real files: valid/ must pass both
/// parsers, invalid/ must fail both (with the position its first line names), and
/// newer/ holds syntax newer than tsc 4.8, which only tree-sitter judges.
final class ParserCrossCheckTests: XCTestCase {
    private let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private var fixtures: URL { root.appendingPathComponent("Fixtures") }

    /// Paths relative to Fixtures/ of every file a grammar would parse.
    private func typescriptFiles() throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: fixtures.path)
            .filter { !$0.contains("node_modules/") && Language(fileName: $0) != nil }
            .sorted()
    }

    /// Whether tree-sitter (with the repairs) accepts the file; the error when it does not.
    private func treeSitterError(_ path: String) throws -> CodemodError? {
        let bytes = try Array(Data(contentsOf: fixtures.appendingPathComponent(path)))
        do {
            _ = try ParsedFile.clean(path: path, bytes: bytes, parsers: ParserSet())
            return nil
        } catch {
            return error
        }
    }

    /// The files TypeScript's parser rejects, relative to Fixtures/.
    private func typescriptRejects(_ paths: [String]) throws -> Set<String> {
        let script = root.appendingPathComponent("scripts/ts-parse-check.js").path
        let (status, output) = try shell(["node", script] + paths, in: fixtures)
        XCTAssertTrue(output.contains("\(paths.count) files parsed"), "ts-parse-check.js ran: \(output)")
        XCTAssertTrue(status == 0 || status == 1, output)
        var rejected = Set<String>()
        for line in output.split(separator: "\n") {
            if let path = paths.first(where: { line.hasPrefix("\($0):") }) { rejected.insert(path) }
        }
        return rejected
    }

    func testTreeSitterRejectsNothingTypeScriptAccepts() throws {
        let all = try typescriptFiles()
        XCTAssertGreaterThan(all.count, 200)
        let compared = all.filter { !$0.hasPrefix("parsing/newer/") }
        let rejectedByTypeScript = try typescriptRejects(compared)
        for path in compared where !rejectedByTypeScript.contains(path) {
            if let error = try treeSitterError(path) {
                XCTFail("TypeScript parses \(path), tree-sitter does not: \(error)")
            }
        }
        for path in all where path.hasPrefix("parsing/newer/") {
            if let error = try treeSitterError(path) { XCTFail("\(path): \(error)") }
        }
    }

    func testTheCorpusSaysWhatItMeans() throws {
        let all = try typescriptFiles().filter { $0.hasPrefix("parsing/") }
        let valid = all.filter { $0.hasPrefix("parsing/valid/") }
        let invalid = all.filter { $0.hasPrefix("parsing/invalid/") }
        XCTAssertGreaterThanOrEqual(valid.count, 4)
        XCTAssertGreaterThanOrEqual(invalid.count, 3)
        let rejected = try typescriptRejects(valid + invalid)
        XCTAssertEqual(rejected.intersection(valid), [], "valid/ holds only what TypeScript accepts")
        XCTAssertEqual(rejected.intersection(invalid), Set(invalid), "invalid/ holds only what TypeScript rejects")
        for path in invalid {
            let text = try String(contentsOf: fixtures.appendingPathComponent(path), encoding: .utf8)
            let expected = text.split(separator: "\n").first.map { String($0.dropFirst("// syntax error at ".count)) }
            guard case .parse(_, let position, _)? = try treeSitterError(path) else {
                XCTFail("tree-sitter accepts \(path)")
                continue
            }
            XCTAssertEqual(position.description, expected, path)
        }
    }
}

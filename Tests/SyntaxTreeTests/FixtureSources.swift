import Foundation
import XCTest
@testable import SyntaxTree

/// Every source file under `Fixtures/` with a grammar, read once: the corpus the syntax layer's
/// whole-tree properties are checked over.
struct FixtureSource {
    let url: URL
    let language: Language
    let bytes: [UInt8]

    static func all() throws -> [FixtureSource] {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures").standardizedFileURL
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(at: fixtures, includingPropertiesForKeys: nil))
        var sources: [FixtureSource] = []
        for case let url as URL in enumerator {
            guard let language = Language(fileName: url.lastPathComponent) else { continue }
            sources.append(FixtureSource(url: url, language: language, bytes: try Array(Data(contentsOf: url))))
        }
        return sources
    }
}

import Foundation
@testable import PrismaTransforms
import XCTest

/// `Workspace.namedImports` reads over bytes what this regular expression reads over text
/// (ASCII white space aside): the regular expression is the oracle.
final class NamedImportsTests: XCTestCase {
    private func byRegularExpression(_ text: String) throws -> [String] {
        let pattern = try NSRegularExpression(pattern: #"import\s*(?:type\s+)?\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]"#)
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            guard let names = Range(match.range(at: 1), in: text), let module = Range(match.range(at: 2), in: text) else { return nil }
            return "\(text[names])|\(text[module])"
        }
    }

    private func byBytes(_ text: String) -> [String] {
        Workspace.namedImports(in: Array(text.utf8)).map { "\($0.names)|\($0.specifier)" }
    }

    func testTheByteReaderFindsWhatTheRegularExpressionFinds() throws {
        let samples = [
            "import { prisma, executeWithRetry } from './db';\nimport {x} from \"y\";",
            "import type { Prisma } from '@prisma/client'; import typeX { a } from 'b'; import type{ c } from 'd';",
            "import {\n  executeWithRetry,\n  prisma as db\n} from '../utils/prisma'",
            "import{a}from'b' import { a } from '' import { a } from 'x\" import { a } 'b' reimport { z } from 'q'",
            "import Default, { named } from 'm'; import * as ns from 'n'; // import { inComment } from 'c'",
            "const s = 'é'; import { ü } from './ä'; import { unterminated } from 'x",
            "import { a } from",
            "import { never closed",
        ]
        var texts = samples
        let backend = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/backend/src")
        let enumerator = FileManager.default.enumerator(at: backend, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            if url.pathExtension == "ts" { texts.append(try String(contentsOf: url, encoding: .utf8)) }
        }
        XCTAssertGreaterThan(texts.count, 50)
        var found = 0
        for text in texts {
            let expected = try byRegularExpression(text)
            XCTAssertEqual(byBytes(text), expected, text.prefix(200).description)
            found += expected.count
        }
        XCTAssertGreaterThan(found, 100)
    }
}

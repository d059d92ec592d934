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

    /// The prefilter's specifier reader finds at least what its former regular expression
    /// found (it may find more: it only decides what is parsed), over every fixture file and
    /// the shapes above.
    func testThePrefilterSpecifiersCoverTheRegularExpression() throws {
        let pattern = try NSRegularExpression(pattern: #"(?:\bfrom|\brequire\s*\(|\bimport\s*\(?)\s*['"`]([^'"`\n]+)['"`]"#)
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures")
        var texts = [
            "import db from '@/db'; const m = require ( \"./x\" ); const l = await import('../y'); export * from `z`;",
            "import x from'a'; import{y}from\"b\"; requires('no'); reimport('no'); from 'yes'; import\n('n')",
            "const s = 'from'; import a from 'multi\nline'; import b from ''; import c from 'x\"; from ('paren')",
        ]
        for path in FileManager.default.enumerator(atPath: fixtures.path)?.compactMap({ $0 as? String }) ?? []
        where path.hasSuffix(".ts") || path.hasSuffix(".tsx") {
            texts.append(try String(contentsOf: fixtures.appendingPathComponent(path), encoding: .utf8))
        }
        XCTAssertGreaterThan(texts.count, 100)
        for text in texts {
            let expected = pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
                Range(match.range(at: 1), in: text).map { String(text[$0]) }
            }
            let found = Set(PrismaPrefilter.specifiers(in: Array(text.utf8)))
            for specifier in expected { XCTAssertTrue(found.contains(specifier), "\(specifier) in \(text.prefix(200))") }
        }
    }

    /// `Workspace.mayDefine` holds wherever the definition pattern matches (it only saves running it).
    func testMayDefineCoversTheDefinitionPattern() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures")
        var texts = ["export const executeWithRetry = 1", "export async function executeWithRetry<T>() {}",
                     "export function*executeWithRetry() {}", "export   let\n  executeWithRetry = f", "export var executeWithRetry",
                     "export async function * executeWithRetry() {}"]
        for path in FileManager.default.enumerator(atPath: fixtures.path)?.compactMap({ $0 as? String }) ?? [] where path.hasSuffix(".ts") {
            texts.append(try String(contentsOf: fixtures.appendingPathComponent(path), encoding: .utf8))
        }
        var defined = 0
        for text in texts {
            for name in ["executeWithRetry", "withRetry", "retry"] where text.range(of: Workspace.definitionPattern(of: name), options: .regularExpression) != nil {
                defined += 1
                XCTAssertTrue(Workspace.mayDefine(name, in: Array(text.utf8)), "\(name) in \(text.prefix(200))")
            }
        }
        XCTAssertGreaterThan(defined, 6)
        XCTAssertFalse(Workspace.mayDefine("executeWithRetry", in: Array("import { executeWithRetry } from './db'; export const a = executeWithRetry(f);".utf8)))
    }
}


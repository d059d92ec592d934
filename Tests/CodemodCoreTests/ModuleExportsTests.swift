import CodemodCore
import XCTest

final class ModuleExportsTests: XCTestCase {
    func testESExportsWithTheLocalNameEachStandsFor() throws {
        let exports = ModuleExports(file: try parse("""
            // export function notAnExport() {}
            export async function executeWithRetry() {}
            export const a = 1, b = 2;
            const hidden = () => 0;
            export { hidden as withRetry, b as 'quoted' };
            export class Service {}
            export default hidden;
            const text = "export const fake = 1";
            """))
        XCTAssertEqual(exports.own["executeWithRetry"], .local("executeWithRetry"))
        XCTAssertEqual(exports.own["a"], .local("a"))
        XCTAssertEqual(exports.own["b"], .local("b"))
        XCTAssertEqual(exports.own["withRetry"], .local("hidden"))
        XCTAssertEqual(exports.own["quoted"], .local("b"))
        XCTAssertEqual(exports.own["Service"], .local("Service"))
        XCTAssertEqual(exports.own["default"], .local("hidden"))
        XCTAssertNil(exports.own["notAnExport"])
        XCTAssertNil(exports.own["fake"])
        XCTAssertTrue(exports.reexports.isEmpty)
    }

    func testReexports() throws {
        let exports = ModuleExports(file: try parse("""
            export * from './retry';
            export { prisma as db, default as client } from './prisma';
            export * as helpers from './helpers';
            """))
        XCTAssertEqual(exports.reexports, [
            ModuleExports.Reexport(specifier: "./retry", names: nil),
            ModuleExports.Reexport(specifier: "./prisma", names: ["db": "prisma", "client": "default"]),
        ])
        XCTAssertEqual(exports.own["helpers"], .expression)
    }

    func testCommonJSExports() throws {
        let exports = ModuleExports(file: try parse("""
            async function executeWithRetry(run) { return run(); }
            module.exports = { executeWithRetry, withRetry: executeWithRetry, inline: async () => 1 };
            exports.other = executeWithRetry;
            """, path: "src/retry.js"))
        XCTAssertEqual(exports.own["executeWithRetry"], .local("executeWithRetry"))
        XCTAssertEqual(exports.own["withRetry"], .local("executeWithRetry"))
        XCTAssertEqual(exports.own["inline"], .expression)
        XCTAssertEqual(exports.own["other"], .local("executeWithRetry"))
    }
}

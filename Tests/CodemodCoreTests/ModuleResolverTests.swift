import CodemodCore
import XCTest

final class ModuleResolverTests: XCTestCase {
    let resolver = ModuleResolver(aliases: [PathAlias(prefix: "@/", target: "src/", wildcard: true)])

    func testResolvesRelativeAndAliasedSpecifiers() {
        XCTAssertEqual(resolver.resolve("../utils/prisma", from: "src/controllers/a.ts"), "src/utils/prisma")
        XCTAssertEqual(resolver.resolve("../../utils/prisma.js", from: "src/queues/workers/w.ts"), "src/utils/prisma")
        XCTAssertEqual(resolver.resolve("./utils/prisma", from: "src/index.ts"), "src/utils/prisma")
        XCTAssertEqual(resolver.resolve("./prisma/index", from: "src/utils/a.ts"), "src/utils/prisma")
        XCTAssertEqual(resolver.resolve("@/utils/prisma", from: "src/x/y/z.ts"), "src/utils/prisma")
        XCTAssertNil(resolver.resolve("@prisma/client", from: "src/a.ts"))
    }

    func testTheLongestAliasPatternWins() {
        let two = ModuleResolver(aliases: [PathAlias(prefix: "@/", target: "src/", wildcard: true),
                                           PathAlias(prefix: "@/db/", target: "packages/db/src/", wildcard: true)])
        XCTAssertEqual(two.resolve("@/db/prisma", from: "src/a.ts"), "packages/db/src/prisma")
        XCTAssertEqual(two.resolve("@/utils/x", from: "src/a.ts"), "src/utils/x")
    }

    func testSpellsSpecifiersAtAnyDepthInTheFilesStyle() {
        let key = "src/utils/prisma"
        XCTAssertEqual(resolver.specifier(for: key, from: "src/controllers/a.ts", style: .relative(extension: nil)), "../utils/prisma")
        XCTAssertEqual(resolver.specifier(for: key, from: "src/queues/workers/w.ts", style: .relative(extension: nil)), "../../utils/prisma")
        XCTAssertEqual(resolver.specifier(for: key, from: "src/index.ts", style: .relative(extension: nil)), "./utils/prisma")
        XCTAssertEqual(resolver.specifier(for: key, from: "src/utils/cache.ts", style: .relative(extension: ".js")), "./prisma.js")
        XCTAssertEqual(resolver.specifier(for: key, from: "src/a/b.ts", style: .alias), "@/utils/prisma")
    }

    func testDetectsTheStyleAFileUses() {
        XCTAssertEqual(resolver.style(of: ["express", "../a.js"], in: "src/x.ts"), .relative(extension: ".js"))
        XCTAssertEqual(resolver.style(of: ["@/services/x"], in: "src/x.ts"), .alias)
        XCTAssertEqual(resolver.style(of: ["express", "./b"], in: "src/x.ts"), .relative(extension: nil))
        XCTAssertEqual(resolver.style(of: ["express"], in: "src/x.ts"), .relative(extension: nil))
        XCTAssertEqual(resolver.style(of: ["express"], in: "src/x.mts"), .relative(extension: ".js"), ".mts files are ESM")
        let esm = ModuleResolver(aliases: [], importExtension: ".js")
        XCTAssertEqual(esm.style(of: ["express"], in: "src/x.ts"), .relative(extension: ".js"), "a nodenext project")
        XCTAssertEqual(esm.style(of: ["express"], in: "src/x.cts"), .relative(extension: nil))
    }
}

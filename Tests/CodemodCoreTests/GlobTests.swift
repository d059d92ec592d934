import CodemodCore
import XCTest

/// Each piece of glob syntax, against root-relative paths; and the patterns refused.
final class GlobTests: XCTestCase {
    private func assertGlob(_ pattern: String, matches: [String], misses: [String], line: UInt = #line) throws {
        let glob = try Glob(pattern)
        for path in matches { XCTAssertTrue(glob.matches(path), "\(pattern) should match \(path)", line: line) }
        for path in misses { XCTAssertFalse(glob.matches(path), "\(pattern) should not match \(path)", line: line) }
    }

    func testStarAndQuestionMarkStayInOneSegment() throws {
        try assertGlob("src/*.ts", matches: ["src/a.ts", "src/.hidden.ts"], misses: ["src/sub/a.ts", "lib/src/a.ts", "src/a.tsx"])
        try assertGlob("src/?.ts", matches: ["src/a.ts"], misses: ["src/ab.ts", "src/.ts/x"])
    }

    func testDoubleStarCrossesFolders() throws {
        try assertGlob("src/**/*.ts", matches: ["src/a.ts", "src/x/y/a.ts"], misses: ["lib/a.ts", "src/a.js"])
        try assertGlob("**/services/*.ts", matches: ["services/a.ts", "src/deep/services/a.ts"], misses: ["src/services/x/a.ts"])
        try assertGlob("src/**", matches: ["src/a.ts", "src/x/y.ts"], misses: ["src", "srcx/a.ts"])
    }

    func testPatternWithoutSlashMatchesAnyDepth() throws {
        try assertGlob("*.test.ts", matches: ["a.test.ts", "src/x/a.test.ts"], misses: ["src/a.ts"])
        try assertGlob("/*.ts", matches: ["a.ts"], misses: ["src/a.ts"])  // a leading `/` anchors, as in .gitignore
        try assertGlob("./src/a.ts", matches: ["src/a.ts"], misses: ["x/src/a.ts"])
    }

    func testFoldersMatchEverythingBelowThem() throws {
        try assertGlob("src/services", matches: ["src/services", "src/services/a.ts", "src/services/x/b.ts"],
                       misses: ["src/servicesX/a.ts", "lib/src/services/a.ts"])
        try assertGlob("src/services/", matches: ["src/services/a.ts"], misses: ["src/services"])
        try assertGlob("legacy", matches: ["legacy/a.ts", "src/legacy/x/a.ts", "src/legacy"], misses: ["src/legacyOld/a.ts"])
    }

    func testBracesExpandAndNest() throws {
        try assertGlob("src/{api,jobs}/*.ts", matches: ["src/api/a.ts", "src/jobs/b.ts"], misses: ["src/web/a.ts"])
        try assertGlob("src/{api,jobs/{daily,weekly}}/*.{ts,js}",
                       matches: ["src/api/a.ts", "src/jobs/daily/a.js", "src/jobs/weekly/b.ts"],
                       misses: ["src/jobs/a.ts", "src/jobs/monthly/a.ts", "src/api/a.tsx"])
        try assertGlob("*.{,m}ts", matches: ["a.ts", "a.mts"], misses: ["a.cts"])
        try assertGlob("src/{a,b/**}", matches: ["src/a", "src/b/c/d.ts"], misses: ["src/c.ts"])  // a slash in any alternative anchors
    }

    func testCharacterClasses() throws {
        try assertGlob("v[12].ts", matches: ["v1.ts", "v2.ts"], misses: ["v3.ts"])
        try assertGlob("v[a-c].ts", matches: ["va.ts", "vc.ts"], misses: ["vd.ts"])
        try assertGlob("v[!a-c].ts", matches: ["vd.ts", "v1.ts"], misses: ["va.ts"])
        try assertGlob("v[^a].ts", matches: ["vb.ts"], misses: ["va.ts"])
        try assertGlob("v[[:digit:]].ts", matches: ["v7.ts"], misses: ["vx.ts"])
        try assertGlob("v[]x].ts", matches: ["v].ts", "vx.ts"], misses: ["vy.ts"])
        try assertGlob("pages/\\[id\\].ts", matches: ["pages/[id].ts"], misses: ["pages/i.ts"])
    }

    func testNegationInListsAsGitignoreReadsIt() throws {
        let excludes = try GlobList(["src/legacy", "!src/legacy/keep.ts"], option: "--exclude")
        XCTAssertTrue(excludes.matches("src/legacy/old.ts"))
        XCTAssertFalse(excludes.matches("src/legacy/keep.ts"), "the later negation wins")
        XCTAssertFalse(excludes.matches("src/a.ts"))
        let allButTests = try GlobList(["!**/*.test.ts"], option: "--include")
        XCTAssertTrue(allButTests.matches("src/a.ts"), "a list that starts with a negation starts from every path")
        XCTAssertFalse(allButTests.matches("src/a.test.ts"))
        XCTAssertEqual(allButTests.patterns, ["!**/*.test.ts"])
        let literal = try GlobList(["\\!odd.ts"], option: "--include")
        XCTAssertTrue(literal.matches("src/!odd.ts"))
        XCTAssertFalse(try GlobList([], option: "--include").matches("src/a.ts"))
    }

    func testMalformedPatternsAreErrorsNamingThePattern() {
        let refused: [(String, String)] = [
            ("", "names no file"),
            ("/", "names no file"),
            ("src/[ab.ts", "'[' is never closed"),
            ("src/{a,b.ts", "'{' is never closed"),
            ("src/a}.ts", "'}' closes no '{'"),
            ("src/{a}.ts", "has no ','"),
            ("v{1..3}.ts", "ranges such as {1..3}"),
            ("src/**.ts", "'**' stands for whole folders"),
            ("a**/b.ts", "'**' stands for whole folders"),
            ("../other/*.ts", "'..' never matches"),
            ("src/[a/b].ts", "never matches '/'"),
            ("v[z-a].ts", "backwards"),
            ("v[[:digits:]].ts", "not a character class"),
            ("src/@(a|b).ts", "extended globs"),
            ("src\\", "lone '\\'"),
            ("!src/a.ts", "only in --include and --exclude"),
            (String(repeating: "{a,b}", count: 11), "more than 1024"),
        ]
        for (pattern, reason) in refused {
            XCTAssertThrowsError(try Glob(pattern, option: "--only-files"), pattern) { error in
                guard case .selection(let message) = error as? CodemodError else { return XCTFail("\(pattern): \(error)") }
                XCTAssertTrue(message.hasPrefix("--only-files '\(pattern)': "), message)
                XCTAssertTrue(message.contains(reason), "\(pattern): \(message)")
            }
        }
        XCTAssertThrowsError(try FileSelection(includes: ["src/**"], excludes: ["!x/[a"])) { error in
            XCTAssertEqual((error as? CodemodError)?.message, "--exclude 'x/[a': '[' is never closed (write \\[ for a literal bracket)")
        }
    }

    func testExtensions() throws {
        XCTAssertEqual(FileSelection().extensions, ["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"])
        XCTAssertEqual(try FileSelection(includes: [], extensions: ["js,.TS", "jsx"]).extensions, ["ts", "js", "jsx"])
        let selection = try FileSelection(includes: [], extensions: ["ts"])
        XCTAssertTrue(selection.accepts("src/a.ts"))
        XCTAssertFalse(selection.accepts("src/a.js"))
        XCTAssertFalse(FileSelection().accepts("src/a.d.ts"), "declaration files are never read")
        XCTAssertFalse(FileSelection().accepts("build/a.js"), "build output is never read")
        XCTAssertTrue(FileSelection().takesEveryFile)
        XCTAssertFalse(selection.takesEveryFile, "a narrowed selection never stands for the whole project")
        for bad in ["py", "d.ts"] {
            XCTAssertThrowsError(try FileSelection(includes: [], extensions: [bad])) { error in
                XCTAssertTrue((error as? CodemodError)?.message.contains("--extensions: '\(bad)'") == true, "\(error)")
            }
        }
    }

    func testNothingMatchedNamesPathsAndPatterns() throws {
        let selection = try FileSelection(includes: ["src/**"], excludes: ["!a"], extensions: ["js"])
        XCTAssertEqual(selection.nothingMatched(["lib", "src"]).message,
                       "no TypeScript files matched lib, src with --include 'src/**' --exclude '!a' --extensions js "
                       + "(.git, build, dist, node_modules are never entered)")
    }
}

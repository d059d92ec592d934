@testable import CodemodCore
import Foundation
import XCTest

final class UnifiedDiffTests: XCTestCase {
    func testFormatsHunksLikeGit() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n"
        let new = "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\n"
        let patch = UnifiedDiff.make(path: "src/x.ts", old: Array(old.utf8), new: Array(new.utf8))
        XCTAssertEqual(patch, """
            diff --git a/src/x.ts b/src/x.ts
            index \(UnifiedDiff.blobID(Array(old.utf8)))..\(UnifiedDiff.blobID(Array(new.utf8))) 100644
            --- a/src/x.ts
            +++ b/src/x.ts
            @@ -1,5 +1,5 @@
             a
            -b
            +B
             c
             d
             e
            @@ -8,3 +8,4 @@ g
             h
             i
             j
            +k

            """)
    }

    func testBlobIDsAreGits() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for text in ["", "x\n", "caf\u{e9} \u{1F600}\r\nno newline"] {
            try Data(text.utf8).write(to: folder.appendingPathComponent("f"))
            let result = try shell(["git", "hash-object", "f"], in: folder)
            XCTAssertEqual(UnifiedDiff.blobID(Array(text.utf8)), result.output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// Cases where the choice of hunks is not obvious: a re-indented block, a function
    /// inserted between alike ones (git's indent heuristic), repeated lines, tabs, long
    /// function lines, a missing final newline. The hunks must be git's, byte for byte.
    func testHunksAreGitDiffs() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let reindented = """
            export const load = async (id: number) => {
              try {
                const user = await executeWithRetry(() =>
                  prisma.user.findUnique({
                    where: { id },
                    include: {
                      roles: {
                        include: { role: true }
                      }
                    }
                  })
                );

                return user;
              } catch (error) {
                console.error(error);
              }
            };

            """
        let unwrapped = """
            export const load = async (id: number) => {
              try {
                const user = await prisma.user.findUnique({
                  where: { id },
                  include: {
                    roles: {
                      include: { role: true }
                    }
                  }
                });

                return user;
              } catch (error) {
                console.error(error);
              }
            };

            """
        let functions = (0..<4).map { "function f\($0)() {\n  return \($0);\n}\n\n" }
        let inserted = functions[0] + functions[1] + "function added() {\n  return 9;\n}\n\n" + functions[2] + functions[3]
        let longName = "export async function " + String(repeating: "veryLongName", count: 10) + "(argument: number) {\n"
        let cases: [(String, String)] = [
            (reindented, unwrapped),
            (unwrapped, reindented),
            (functions.joined(), inserted),
            (longName + (1...12).map { "  line\($0);\n" }.joined() + "}\n", longName + (1...12).map { "  line\($0 == 9 ? 90 : $0);\n" }.joined() + "}\n"),
            ("\tif (a) {\n\t\tb();\n\t}\n}\n}\n", "\tif (a) {\n\t\tb();\n\t\tc();\n\t}\n}\n}\n"),
            ("a\nb\nc", "a\nb\nc\n"),
            ("}\n}\n}\nx\n}\n}\n", "}\ny\n}\n}\n}\n"),
        ]
        for (index, (old, new)) in cases.enumerated() {
            let tool = UnifiedDiff.make(path: "f", old: Array(old.utf8), new: Array(new.utf8))
            XCTAssertEqual(Self.hunks(tool), try gitHunks(Array(old.utf8), Array(new.utf8), in: folder), "case \(index)")
        }
    }

    /// Random texts from a few often repeated lines, changed by random edits: the hunks,
    /// from the whole texts and from the edits alike, are git's. (Searched region by region,
    /// such texts may get another of several equally short scripts: see `regionSearchLines`.)
    func testRandomDiffsEqualGits() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = SystemRandomNumberGenerator()
        let vocabulary = ["}\n", "\n", "  return x;\n", "  if (a) {\n", "    b();\n", "function f() {\n", "// note\n", "\tc();\n"]
        for round in 0..<60 {
            let old = Array((0..<Int.random(in: 5...80, using: &generator))
                .map { _ in vocabulary.randomElement(using: &generator) ?? "" }.joined().utf8)
            var set = EditSet()
            for _ in 0..<Int.random(in: 1...5, using: &generator) {
                let start = Int.random(in: 0...old.count, using: &generator)
                let end = min(old.count, start + Int.random(in: 0...40, using: &generator))
                let text = (0..<Int.random(in: 0...4, using: &generator)).map { _ in vocabulary.randomElement(using: &generator) ?? "" }.joined()
                try? set.add(Edit(range: start..<end, replacement: text))
            }
            let new = try set.apply(to: old)
            if new == old { continue }
            let expected = try gitHunks(old, new, in: folder)
            XCTAssertEqual(Self.hunks(UnifiedDiff.make(path: "f", old: old, new: new)), expected,
                           "round \(round), whole texts:\n\(String(decoding: old, as: UTF8.self))")
            XCTAssertEqual(Self.hunks(UnifiedDiff.make(path: "f", old: old, new: new, edits: set.edits)), expected,
                           "round \(round), from the edits:\n\(String(decoding: old, as: UTF8.self))")
        }
    }

    /// A file large enough to be searched region by region (the bench's generated shape:
    /// wrapped reads among plain functions), some reads unwrapped: still git's hunks.
    func testLargeFilesSearchedByRegionGiveGitsHunks() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let wrapped = (0..<1_400).map { index in
            "export async function find\(index)(id: number) {\n  const u = await executeWithRetry(() =>\n"
                + "    prisma.user.findUnique({\n      where: { id }\n    })\n  );\n  return u;\n}\n\n"
        }
        let old = Array(wrapped.joined().utf8)
        var set = EditSet()
        var offset = 0
        for (index, text) in wrapped.enumerated() {
            if index % 37 == 5 {
                let start = offset + text.utf8.count - "  const u = await executeWithRetry(() =>\n    prisma.user.findUnique({\n      where: { id }\n    })\n  );\n  return u;\n}\n\n".utf8.count
                let end = offset + text.utf8.count - "  return u;\n}\n\n".utf8.count
                try set.add(Edit(range: start..<end, replacement: "  const u = await prisma.user.findUnique({\n    where: { id }\n  });\n"))
            }
            offset += text.utf8.count
        }
        let new = try set.apply(to: old)
        XCTAssertGreaterThan(UnifiedDiff.splitLines(old).count + UnifiedDiff.splitLines(new).count, UnifiedDiff.regionSearchLines)
        XCTAssertEqual(Self.hunks(UnifiedDiff.make(path: "f", old: old, new: new, edits: set.edits)), try gitHunks(old, new, in: folder))
    }

    /// The index line lets `git apply --3way` merge a patch into a file that changed since,
    /// next to the hunk, where a plain `git apply` refuses.
    func testIndexLineLetsGitApplyThreeWay() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try shell(["git", "init", "-q"], in: folder)
        let lines = (1...20).map { "line \($0)\n" }
        let old = lines.joined()
        var changed = lines
        changed[9] = "line ten\n"
        let patch = UnifiedDiff.make(path: "f.ts", old: Array(old.utf8), new: Array(changed.joined().utf8))
        let file = folder.appendingPathComponent("f.ts")
        try Data(old.utf8).write(to: file)
        try shell(["git", "add", "f.ts"], in: folder)
        try shell(["git", "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-qm", "start"], in: folder)
        // Someone else changed a context line of that hunk, two lines away.
        var theirs = lines
        theirs[7] = "line eight, theirs\n"
        try Data(theirs.joined().utf8).write(to: file)
        try shell(["git", "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-qam", "theirs"], in: folder)
        XCTAssertNotEqual(try shell(["git", "apply", "-"], in: folder, input: patch).status, 0, "a plain apply must see the changed context")
        let result = try shell(["git", "apply", "--3way", "-"], in: folder, input: patch)
        XCTAssertEqual(result.status, 0, result.output)
        var merged = theirs
        merged[9] = "line ten\n"
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), merged.joined())
    }

    func testStatIsGits() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try shell(["git", "init", "-q"], in: folder)
        let long = "src/" + String(repeating: "deeply/nested/", count: 5) + "file.ts"
        let files: [(String, String, String)] = [
            ("a.ts", "x\n", "y\n"),
            (long, (1...200).map { "l\($0)\n" }.joined(), (1...200).map { $0 % 3 == 0 ? "L\($0)\n" : "l\($0)\n" }.joined() + "tail\n"),
            ("b.ts", "p\nq\n", "p\n"),
        ]
        var patches: [UnifiedDiff.FilePatch] = []
        for (path, old, new) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(old.utf8).write(to: url)
            patches.append(UnifiedDiff.file(path: path, old: Array(old.utf8), new: Array(new.utf8)))
        }
        try shell(["git", "add", "-A"], in: folder)
        try shell(["git", "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-qm", "start"], in: folder)
        for (path, _, new) in files { try Data(new.utf8).write(to: folder.appendingPathComponent(path)) }
        let git = try shell(["env", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1", "COLUMNS=80", "git", "diff", "--stat"], in: folder)
        let sorted = patches.sorted { $0.path < $1.path }
        XCTAssertEqual(UnifiedDiff.stat(sorted), git.output)
    }

    /// The hunks of a one-file patch: everything from the first `@@` line on.
    static func hunks(_ patch: String) -> String {
        guard let start = patch.range(of: "\n@@ ") else { return "" }
        return String(patch[patch.index(after: start.lowerBound)...])
    }

    /// `git diff --no-index` of the two texts, with git's defaults whatever the user's configuration.
    private func gitHunks(_ old: [UInt8], _ new: [UInt8], in folder: URL) throws -> String {
        try Data(old).write(to: folder.appendingPathComponent("old"))
        try Data(new).write(to: folder.appendingPathComponent("new"))
        let result = try shell(["env", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1", "git", "diff", "--no-index", "--no-color", "old", "new"],
                               in: folder)
        XCTAssertEqual(result.status, 1, result.output)
        return Self.hunks(result.output)
    }

    func testEqualTextsGiveNoDiff() {
        XCTAssertEqual(UnifiedDiff.make(path: "a", old: Array("x\n".utf8), new: Array("x\n".utf8)), "")
    }

    /// Diffs built from the edits (region by region) apply like whole-file diffs, over random edits.
    func testDiffsFromEditsApplyAndMatchWholeFileDiffs() throws {
        var generator = SystemRandomNumberGenerator()
        let base = (0..<40).map { "line \($0) " + String(repeating: "x", count: $0 % 7) }.joined(separator: "\n") + "\n"
        let old = Array(base.utf8)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try shell(["git", "init", "-q"], in: folder)
        for round in 0..<25 {
            var set = EditSet()
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let start = Int.random(in: 0...old.count, using: &generator)
                let end = min(old.count, start + Int.random(in: 0...30, using: &generator))
                let text = ["", "X", "new\nlines\n", "\n", "tail"].randomElement(using: &generator) ?? ""
                try? set.add(Edit(range: start..<end, replacement: text))
            }
            let new = try set.apply(to: old)
            // Random edits can cancel out (an empty insertion, a range replaced by itself): no patch then.
            if new == old {
                XCTAssertEqual(UnifiedDiff.make(path: "f.ts", old: old, new: new, edits: set.edits), "")
                continue
            }
            XCTAssertNotNil(UnifiedDiff.regions(old: old, oldLines: UnifiedDiff.splitLines(old),
                                                newLines: UnifiedDiff.splitLines(new), edits: set.edits), "round \(round): regions used")
            let fromEdits = UnifiedDiff.make(path: "f.ts", old: old, new: new, edits: set.edits)
            let file = folder.appendingPathComponent("f.ts")
            try Data(old).write(to: file)
            let result = try shell(["git", "apply", "-"], in: folder, input: fromEdits)
            XCTAssertEqual(result.status, 0, "round \(round): \(result.output)\n\(fromEdits)")
            XCTAssertEqual([UInt8](try Data(contentsOf: file)), new, "round \(round)")
        }
    }

    func testPathsWithSpacesApplyWithPatch() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("with space"), withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("with space/d.ts")
        try Data("a\n".utf8).write(to: file)
        let patch = UnifiedDiff.make(path: "with space/d.ts", old: Array("a\n".utf8), new: Array("b\n".utf8))
        XCTAssertTrue(patch.contains("--- a/with space/d.ts\t\n+++ b/with space/d.ts\t\n"))
        let result = try shell(["patch", "-p1", "--quiet"], in: folder, input: patch)
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "b\n")
        try shell(["git", "init", "-q"], in: folder)
        XCTAssertEqual(try shell(["git", "apply", "-R", "-"], in: folder, input: patch).status, 0)
    }

    /// The patches must apply with `git apply` and `patch -p1`, CRLF and missing final newlines included.
    func testPatchesApplyWithGitAndPatch() throws {
        let cases: [(String, String)] = [
            ("one\ntwo\nthree\n", "one\n2\nthree\nfour\n"),
            ("no newline at end", "no newline at end\n"),
            ("x\r\ny\r\n", "x\r\nimport z;\r\ny\r\n"),
            ("a\nb\n", "a\nb"),
            (String(repeating: "line\n", count: 40) + "end\n", "start\n" + String(repeating: "line\n", count: 40)),
            ("", "new file content\n"),
        ]
        for (index, (old, new)) in cases.enumerated() {
            for tool in ["git", "patch"] {
                let folder = try temporaryFolder()
                defer { try? FileManager.default.removeItem(at: folder) }
                try shell(["git", "init", "-q"], in: folder)
                let file = folder.appendingPathComponent("f.ts")
                try Data(old.utf8).write(to: file)
                let patch = UnifiedDiff.make(path: "f.ts", old: Array(old.utf8), new: Array(new.utf8))
                let result = tool == "git"
                    ? try shell(["git", "apply", "-"], in: folder, input: patch)
                    : try shell(["patch", "-p1", "--quiet", "--binary"], in: folder, input: patch)
                XCTAssertEqual(result.status, 0, "case \(index) with \(tool): \(result.output)\n\(patch)")
                XCTAssertEqual(try Data(contentsOf: file), Data(new.utf8), "case \(index) with \(tool)")
            }
        }
    }
}

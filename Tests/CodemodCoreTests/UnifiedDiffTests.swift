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
            --- a/src/x.ts
            +++ b/src/x.ts
            @@ -1,5 +1,5 @@
             a
            -b
            +B
             c
             d
             e
            @@ -8,3 +8,4 @@
             h
             i
             j
            +k

            """)
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
            XCTAssertNotNil(UnifiedDiff.regionScript(old: old, oldLines: UnifiedDiff.splitLines(old),
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

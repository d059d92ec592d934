import CodemodCore
import Foundation
import SyntaxTree
import XCTest

final class FileSystemTests: XCTestCase {
    func testAtomicWriteKeepsPermissionsAndRefusesSymlinks() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("a.ts")
        try Data("old".utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: file.path)
        try AtomicWriter.write(Array("new".utf8), to: file, displayPath: "a.ts")
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "new")
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o640)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["a.ts"], "no temporary file left")

        let link = folder.appendingPathComponent("link.ts")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: file)
        XCTAssertThrowsError(try AtomicWriter.write(Array("x".utf8), to: link, displayPath: "link.ts")) { error in
            XCTAssertEqual(error as? CodemodError, .symlink(path: "link.ts"))
        }
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "new")
    }

    func testDiscoveryHonoursGitignoreSkippedFoldersAndGlobs() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for path in ["package.json", "src/a.ts", "src/b.tsx", "src/c.js", "src/types.d.ts", "src/gen/x.ts", "src/e.json",
                     "node_modules/m/index.ts", "dist/a.ts", "build/a.js", "src/sub/d.mts", "src/sub/f.cjs"] {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("export {};\n".utf8).write(to: url)
        }
        try Data("src/gen/\n".utf8).write(to: folder.appendingPathComponent(".gitignore"))
        for inGit in [false, true] {
            if inGit { try shell(["git", "init", "-q"], in: folder) }
            let project = Project(root: folder)
            let all = try FileDiscovery.files(in: ["."], project: project, selection: FileSelection(), currentDirectory: folder)
            let expected = inGit ? ["src/a.ts", "src/b.tsx", "src/c.js", "src/sub/d.mts", "src/sub/f.cjs"]
                : ["src/a.ts", "src/b.tsx", "src/c.js", "src/gen/x.ts", "src/sub/d.mts", "src/sub/f.cjs"]
            XCTAssertEqual(all, expected, "git: \(inGit)")
            let javascript = try FileDiscovery.files(in: [".", "src/a.ts"], project: project,
                                                     selection: FileSelection(includes: [], extensions: ["js, .CJS"]), currentDirectory: folder)
            XCTAssertEqual(javascript, ["src/c.js", "src/sub/f.cjs"], "--extensions holds for named files too")
            let selected = try FileDiscovery.files(in: ["src"], project: project,
                                                   selection: FileSelection(includes: ["src/**/*.ts*"], excludes: ["*.tsx"]),
                                                   currentDirectory: folder)
            XCTAssertEqual(selected, inGit ? ["src/a.ts"] : ["src/a.ts", "src/gen/x.ts"], "git: \(inGit)")
        }
        XCTAssertThrowsError(try FileDiscovery.files(in: ["missing"], project: Project(root: folder),
                                                     selection: FileSelection(), currentDirectory: folder))
    }

    /// Paths sort byte by byte in UTF-8, as git sorts them: the memcmp comparison agrees with
    /// the generic one on prefixes, empty strings, bytes over 0x7F and decomposed letters.
    func testPathsSortInUTF8ByteOrder() {
        let paths = ["", "a", "a/b.ts", "a-b.ts", "a.ts", "ab", "src/ä.ts", "src/a\u{308}.ts", "src/z.ts", "Z.ts", "src/€.ts", "src/😀.ts"]
        for left in paths {
            for right in paths {
                XCTAssertEqual(String.precedesInBytes(left, right), left.utf8.lexicographicallyPrecedes(right.utf8), "\(left) < \(right)")
            }
        }
        let oracle = paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        XCTAssertEqual(paths.sortedInBytes(), oracle)
        XCTAssertEqual(oracle.sortedInBytes(), oracle)
        XCTAssertEqual(oracle.reversed().sortedInBytes(), oracle)
    }

    /// The byte-level extension and skipped-folder tests agree with the split-and-lowercase
    /// forms they replaced (kept here as the oracle).
    func testExtensionsAndSkippedFoldersOverBytes() throws {
        func oracleExtension(_ fileName: String) -> String? {
            let name = fileName.split(separator: "/").last.map(String.init)?.lowercased() ?? ""
            if [".d.ts", ".d.mts", ".d.cts"].contains(where: name.hasSuffix) { return nil }
            guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
            return String(name[name.index(after: dot)...])
        }
        let names = ["a.ts", "src/a.TS", "src/x.d.ts", "src/X.D.MTS", "x.d.cts", "d.ts", ".d.ts", ".ts", "src/.ts", "a", "src/a",
                     "src.v2/a", "a.b.tsx", "ä/ö.Ts", "src/a.d.tsx", "src/ad.ts", "src/a.dts", "node_modules/m/i.js", "a/b.c/d",
                     "src/types.d.ts", "src/gen/x.mjs", "x.ÉTS", "a.d..ts", "src/.d.ts"]
        for name in names {
            XCTAssertEqual(Language.sourceExtension(of: name), oracleExtension(name), name)
        }
        let selection = FileSelection()
        for path in ["node_modules/m/index.ts", "src/node_modules/a.ts", "dist/a.ts", "src/dist.ts", "a/.git/x.ts", "src/.prisma-codemod/a.ts",
                     "src/build/a.ts", "src/builds/a.ts", "node_modules.ts", "src//a.ts", "src/a.ts"] {
            let oracle = selection.reads(fileName: path)
                && !path.split(separator: "/").map(String.init).dropLast().contains(where: { FileSelection.skippedFolders.contains($0) })
            XCTAssertEqual(selection.accepts(path), oracle, path)
        }
    }

    /// `FileBytes.read` gives a file's bytes whole (beyond its 64 KB reading chunk, and empty), nil for none.
    func testFileBytesReadsWholeFiles() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let large = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Data(large).write(to: folder.appendingPathComponent("large"))
        try Data().write(to: folder.appendingPathComponent("empty"))
        XCTAssertEqual(FileBytes.read(folder.appendingPathComponent("large").path), large)
        XCTAssertEqual(FileBytes.read(folder.appendingPathComponent("empty").path), [])
        XCTAssertNil(FileBytes.read(folder.appendingPathComponent("missing").path))
        XCTAssertNil(FileBytes.read(folder.path), "a folder is not a file's bytes")
    }

    func testLoaderRejectsBinaryAndNonUTF8() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let binary = folder.appendingPathComponent("b.ts")
        try Data([0x61, 0x00, 0x62]).write(to: binary)
        let latin1 = folder.appendingPathComponent("l.ts")
        try Data([0x61, 0xE4, 0x62]).write(to: latin1)
        if case .failure(let error) = SourceLoader.load(binary, displayPath: "b.ts") { XCTAssertEqual(error, .binary(path: "b.ts")) } else { XCTFail() }
        if case .failure(let error) = SourceLoader.load(latin1, displayPath: "l.ts") { XCTAssertEqual(error, .notUTF8(path: "l.ts")) } else { XCTFail() }
    }
}

import Foundation
import XCTest

/// `scripts/install.sh` makes a binary that runs on its own: no build folder, no Swift
/// toolchain, no libtree-sitter.so, no resource bundle. Builds the release binary once per
/// run of this test (several minutes from scratch, seconds when it is up to date).
final class InstallCLITests: XCTestCase {
    private func shell(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> RunResult {
        try runProcess(URL(fileURLWithPath: "/usr/bin/env"), arguments, in: directory, environment: environment)
    }

    /// The shared libraries a binary loads, name → resolved path.
    private func sharedLibraries(of binary: URL) throws -> [String: String] {
        let ldd = try shell(["ldd", binary.path], in: repositoryRoot)
        XCTAssertEqual(ldd.status, 0, ldd.stderr)
        var libraries: [String: String] = [:]
        for line in ldd.stdout.split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            guard let name = fields.first?.trimmingCharacters(in: .whitespaces) else { continue }
            libraries[name] = fields.count > 2 && fields[1] == "=>" ? fields[2] : ""
        }
        return libraries
    }

    func testInstalledBinaryRunsWithoutBuildFolderToolchainOrTreeSitterLibrary() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("prisma-codemod-install-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let prefix = scratch.appendingPathComponent("prefix")
        let install = try shell(["bash", "scripts/install.sh", prefix.path], in: repositoryRoot)
        XCTAssertEqual(install.status, 0, install.stderr)

        // The installed file alone, in an empty folder.
        let lonely = scratch.appendingPathComponent("bin-only")
        try FileManager.default.createDirectory(at: lonely, withIntermediateDirectories: true)
        let binary = lonely.appendingPathComponent("prisma-codemod")
        try FileManager.default.copyItem(at: prefix.appendingPathComponent("bin/prisma-codemod"), to: binary)

        let needs = try sharedLibraries(of: binary)
        XCTAssertTrue(needs.keys.contains { $0.hasPrefix("libc.so") }, "\(needs)")
        let fromBuildMachine = needs.keys.filter { ["libswift", "libFoundation", "libdispatch", "libBlocksRuntime", "libtree-sitter"].contains(where: $0.hasPrefix) }
        XCTAssertEqual(fromBuildMachine, [], "the installed binary needs the build machine's shared libraries")
        let bytes = try Data(contentsOf: binary)
        XCTAssertNil(bytes.range(of: Data("prisma-codemod_PrismaRules.resources".utf8)), "the binary looks for a resource bundle")

        let version = try runProcess(binary, ["--version"], in: lonely)
        XCTAssertEqual(version.status, 0, version.stderr)
        XCTAssertTrue(version.stdout.hasPrefix("prisma-codemod 0.1.0\nTypeScript and TSX grammars from tree-sitter-language-pack 0.13.0, "
                                               + "JavaScript grammar tree-sitter-javascript 0.23.1 (tree-sitter ABI 14)"), version.stdout)

        // The sample backend outside the repository, read with the build folder, the toolchain's
        // libraries and libtree-sitter.so hidden (a private mount namespace) and a bare environment.
        let backend = scratch.appendingPathComponent("backend")
        try FileManager.default.copyItem(at: backendFixture, to: backend)
        let expected = try tool(["inventory", "."], in: backend)
        XCTAssertEqual(expected.status, 0, expected.stderr)
        let debugLibraries = try sharedLibraries(of: toolURL)
        let swiftLibraries = try XCTUnwrap(debugLibraries["libswiftCore.so"].map { URL(fileURLWithPath: $0).deletingLastPathComponent().path })
        let treeSitter = try XCTUnwrap(debugLibraries["libtree-sitter.so.0"].map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path })
        let hide = """
            mount -t tmpfs tmpfs "$1" && mount -t tmpfs tmpfs "$2" && mount -t tmpfs tmpfs "$3" && mount --bind /dev/null "$4" || exit 90
            shift 4
            "$@"
            """
        func hidden(_ program: URL) throws -> RunResult {
            try shell(["-i", "PATH=/usr/bin:/bin", "unshare", "-rm", "sh", "-c", hide, "hide",
                       repositoryRoot.appendingPathComponent(".build").path, repositoryRoot.appendingPathComponent(".build-install").path,
                       swiftLibraries, treeSitter, program.path, "inventory", "."],
                      in: backend)
        }
        // A copy of the debug build, which loads the toolchain's libraries, must not run there.
        let debugCopy = scratch.appendingPathComponent("debug-prisma-codemod")
        try FileManager.default.copyItem(at: toolURL, to: debugCopy)
        let debug = try hidden(debugCopy)
        XCTAssertNotEqual(debug.status, 90, "could not hide the build folder and libraries: \(debug.stderr)")
        XCTAssertTrue(debug.stderr.contains("error while loading shared libraries"), "nothing was hidden: \(debug.status) \(debug.stderr)")
        let installed = try hidden(binary)
        XCTAssertEqual(installed.status, 0, installed.stderr)
        XCTAssertEqual(installed.stdout, expected.stdout, "the installed binary sees the sample backend as the build does")
        XCTAssertTrue(installed.stdout.contains("central client module: src/utils/prisma.ts"), installed.stdout)
    }
}

import Foundation
import XCTest

/// The small project under Fixtures/typecheck (type stubs for @prisma/client written for
/// the tests) typechecks with TypeScript's own checker before any transform, after each
/// transform and after that transform's inverse: a rewrite that leaves a name undefined,
/// an import missing or unused, or a client used before its declaration fails here.
final class TypecheckCLITests: XCTestCase {
    private let fixture = repositoryRoot.appendingPathComponent("Fixtures/typecheck")

    func testEveryTransformAndItsInverseKeepTheProjectTypechecking() throws {
        let listed = try tool(["list"], in: repositoryRoot)
        XCTAssertEqual(listed.status, 0)
        let transforms: [(id: String, inverse: String)] = listed.stdout.split(separator: "\n").compactMap { line in
            guard let id = line.split(separator: " ").first, let inverse = line.range(of: "(inverse: ") else { return nil }
            return (String(id), String(line[inverse.upperBound...].dropLast()))
        }
        XCTAssertEqual(transforms.count, 8, listed.stdout)

        let work = FileManager.default.temporaryDirectory.appendingPathComponent("prisma-codemod-typecheck-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        var folders = [fixture.path]
        for (id, inverse) in transforms {
            let repo = work.appendingPathComponent(id)
            try FileManager.default.copyItem(at: fixture, to: repo)
            try git(["init", "-q", "-b", "main"], in: repo)
            try git(["add", "-A"], in: repo)
            try git(["commit", "-q", "-m", "start"], in: repo)
            let applied = try tool(["apply", id, "."], in: repo)
            XCTAssertEqual(applied.status, 0, "\(id): \(applied.stderr)")
            XCTAssertFalse(try git(["status", "--porcelain"], in: repo).stdout.isEmpty, "\(id) changed nothing: the fixture must give every transform work")
            let back = repo.appendingPathComponent("../\(id)-then-\(inverse)").standardizedFileURL
            try FileManager.default.copyItem(at: repo, to: back)
            let undone = try tool(["apply", inverse, "."], in: back)
            XCTAssertEqual(undone.status, 0, "\(id) then \(inverse): \(undone.stderr)")
            folders += [repo.path, back.path]
        }
        let checked = try runProcess(URL(fileURLWithPath: "/usr/bin/env"),
                                     ["node", repositoryRoot.appendingPathComponent("scripts/ts-typecheck.js").path] + folders,
                                     in: repositoryRoot)
        XCTAssertEqual(checked.status, 0, checked.stdout + checked.stderr)
        XCTAssertEqual(checked.stdout.components(separatedBy: " 0 diagnostics\n").count - 1, folders.count, checked.stdout)
    }
}

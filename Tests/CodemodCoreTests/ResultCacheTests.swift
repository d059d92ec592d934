import CodemodCore
import Foundation
import XCTest

final class ResultCacheTests: XCTestCase {
    private struct Settings {
        var names: Set<String>
        var byKey: [String: Int]
        var mode: Mode?
        enum Mode { case plain, aliased(prefix: String) }
    }

    func testAFingerprintIsOrderFreeForSetsAndSeesEveryField() {
        let a = Settings(names: ["a", "b", "c"], byKey: ["x": 1, "y": 2], mode: .aliased(prefix: "@/"))
        // The same content built in another order.
        var b = Settings(names: ["c"], byKey: ["y": 2], mode: .aliased(prefix: "@/"))
        b.names.formUnion(["b", "a"])
        b.byKey["x"] = 1
        XCTAssertEqual(Fingerprint.of("check", a), Fingerprint.of("check", b))
        XCTAssertNotEqual(Fingerprint.of("check", a), Fingerprint.of("inventory", a))
        var changed = a
        changed.mode = .aliased(prefix: "~/")
        XCTAssertNotEqual(Fingerprint.of(a), Fingerprint.of(changed))
        changed.mode = .plain
        XCTAssertNotEqual(Fingerprint.of(a), Fingerprint.of(changed))
        changed.mode = nil
        XCTAssertNotEqual(Fingerprint.of(a), Fingerprint.of(changed))
        changed = a
        changed.byKey["x"] = 3
        XCTAssertNotEqual(Fingerprint.of(a), Fingerprint.of(changed))
        // Parts are delimited: moving text from one part to the next is another key.
        XCTAssertNotEqual(Fingerprint.of("ab", "c"), Fingerprint.of("a", "bc"))
    }

    func testEntriesComeBackOnlyForTheSameBytesKeyAndBuild() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tool = folder.appendingPathComponent("tool")
        try Data("build 1".utf8).write(to: tool)
        let file = ResultCache<[String]>.url(root: folder, name: "check")
        var cache = ResultCache<[String]>.load(file, key: "k1", executable: tool)
        XCTAssertEqual(cache.count, 0)
        cache.store(["finding"], for: "src/a.ts", sha256: "aaa")
        try cache.save()
        // Private, and ignored by git.
        var info = stat()
        XCTAssertEqual(stat(file.path, &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o600)
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent(".prisma-codemod/.gitignore"), encoding: .utf8), "*\n")

        let warm = ResultCache<[String]>.load(file, key: "k1", executable: tool)
        XCTAssertEqual(warm.value(for: "src/a.ts", sha256: "aaa"), ["finding"])
        XCTAssertNil(warm.value(for: "src/a.ts", sha256: "bbb"), "other bytes")
        XCTAssertNil(warm.value(for: "src/b.ts", sha256: "aaa"), "another file")
        XCTAssertEqual(ResultCache<[String]>.load(file, key: "k2", executable: tool).count, 0, "another key")

        // The same build touched (another stamp, same bytes) keeps its results; another build does not.
        try Data("build 1".utf8).write(to: tool)
        XCTAssertEqual(ResultCache<[String]>.load(file, key: "k1", executable: tool).count, 1)
        try Data("build 2".utf8).write(to: tool)
        XCTAssertEqual(ResultCache<[String]>.load(file, key: "k1", executable: tool).count, 0)
    }

    func testADamagedCacheIsEmptyAndRewritten() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tool = folder.appendingPathComponent("tool")
        try Data("build".utf8).write(to: tool)
        let file = ResultCache<Int>.url(root: folder, name: "inventory")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        for damage in [Data([0xFF, 0xFE, 0x00]), Data("{\"format\":1,".utf8), Data("{\"format\":1,\"key\":\"k\",\"entries\":{\"a\":7}}".utf8)] {
            try damage.write(to: file)
            let cache = ResultCache<Int>.load(file, key: "k", executable: tool)
            XCTAssertEqual(cache.count, 0)
            try cache.save()
            XCTAssertEqual(ResultCache<Int>.load(file, key: "k", executable: tool).count, 0)
            XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(contentsOf: file)), "rewritten whole")
        }
    }
}

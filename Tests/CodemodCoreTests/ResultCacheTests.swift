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

    private func stamp(size: Int64 = 10, modified: Int64 = 1_000_000_000_000, inode: UInt64 = 7, verifiedAt: Int64? = nil) -> FileStamp {
        FileStamp(size: size, modified: modified, changed: modified, inode: inode, device: 1, verifiedAt: verifiedAt ?? modified + 60_000_000_000)
    }

    func testAStampVouchesOnlyForTheSameFileChangedWellBeforeItWasTaken() {
        let taken = stamp()
        XCTAssertTrue(taken.vouches(for: stamp(verifiedAt: 5)), "the same file, stat'ed again later")
        XCTAssertFalse(taken.vouches(for: stamp(size: 11)), "another size")
        XCTAssertFalse(taken.vouches(for: stamp(modified: 1_000_000_000_001)), "touched, or edited: another time")
        XCTAssertFalse(taken.vouches(for: stamp(inode: 8)), "replaced by a rename")
        var changedOnly = stamp()
        changedOnly.changed += 1
        XCTAssertFalse(taken.vouches(for: changedOnly), "mtime set back after an edit: ctime still moved")
        // Racy: the file changed within the file system's time granularity before it was read,
        // so an edit just after the read can keep every field; it is hashed again.
        let racy = stamp(verifiedAt: 1_000_000_000_000 + 1_000_000)
        XCTAssertFalse(racy.vouches(for: racy))
        XCTAssertFalse(stamp(verifiedAt: 1_000_000_000_000 + FileStamp.racyWindow).vouches(for: stamp()))
        XCTAssertTrue(stamp(verifiedAt: 1_000_000_000_000 + FileStamp.racyWindow + 1).vouches(for: stamp()))
    }

    func testLayersComeBackOnlyForTheSameBytesKeyAndBuild() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tool = folder.appendingPathComponent("tool")
        try Data("build 1".utf8).write(to: tool)
        let file = ResultCache.url(root: folder, name: "check")
        var cache = ResultCache.load(file, executable: tool, layers: 2)
        XCTAssertEqual(cache.count, 0)
        cache.use(layer: 0, key: "facts 1")
        cache.use(layer: 1, key: "results 1")
        cache.identify("src/a.ts", stamp: stamp(), sha256: "aaa")
        cache.store("fact", layer: 0, for: "src/a.ts")
        cache.store("finding", layer: 1, for: "src/a.ts")
        cache.store("nothing", layer: 1, for: "src/unknown.ts")  // never identified: not kept
        try cache.save()
        // Private, and ignored by git.
        var info = stat()
        XCTAssertEqual(stat(file.path, &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o600)
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent(".prisma-codemod/.gitignore"), encoding: .utf8), "*\n")

        var warm = ResultCache.load(file, executable: tool, layers: 2)
        XCTAssertEqual(warm.count, 1)
        XCTAssertEqual(warm.entry(for: "src/a.ts")?.stamp, stamp())
        warm.use(layer: 0, key: "facts 1")
        warm.use(layer: 1, key: "results 1")
        XCTAssertEqual(warm.value(String.self, layer: 0, for: "src/a.ts"), "fact")
        XCTAssertEqual(warm.value(String.self, layer: 1, for: "src/a.ts"), "finding")
        XCTAssertNil(warm.value(String.self, layer: 1, for: "src/b.ts"), "another file")
        // Touched, same bytes: kept under the new stamp. Other bytes: nothing kept.
        warm.identify("src/a.ts", stamp: stamp(modified: 2_000_000_000_000), sha256: "aaa")
        XCTAssertEqual(warm.value(String.self, layer: 1, for: "src/a.ts"), "finding")
        XCTAssertEqual(warm.entry(for: "src/a.ts")?.stamp, stamp(modified: 2_000_000_000_000))
        var edited = warm
        edited.identify("src/a.ts", stamp: stamp(size: 12), sha256: "bbb")
        XCTAssertNil(edited.value(String.self, layer: 0, for: "src/a.ts"))
        XCTAssertNil(edited.value(String.self, layer: 1, for: "src/a.ts"))
        // Another key drops that layer only.
        warm.use(layer: 1, key: "results 2")
        XCTAssertEqual(warm.value(String.self, layer: 0, for: "src/a.ts"), "fact")
        XCTAssertNil(warm.value(String.self, layer: 1, for: "src/a.ts"))
        // A deleted file is forgotten.
        warm.keepOnly(["src/b.ts"])
        XCTAssertNil(warm.entry(for: "src/a.ts"))

        // The same build touched (another stamp, same bytes) keeps its results; another build does not.
        try Data("build 1".utf8).write(to: tool)
        XCTAssertEqual(ResultCache.load(file, executable: tool, layers: 2).count, 1)
        try Data("build 2".utf8).write(to: tool)
        XCTAssertEqual(ResultCache.load(file, executable: tool, layers: 2).count, 0)
    }

    func testADamagedCacheIsEmptyAndRewritten() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tool = folder.appendingPathComponent("tool")
        try Data("build".utf8).write(to: tool)
        let file = ResultCache.url(root: folder, name: "inventory")
        var cache = ResultCache.load(file, executable: tool, layers: 1)
        cache.use(layer: 0, key: "k")
        cache.identify("src/a.ts", stamp: stamp(), sha256: "aaa")
        cache.store("finding at 12:4", layer: 0, for: "src/a.ts")
        try cache.save()
        let good = try Data(contentsOf: file)
        XCTAssertEqual(ResultCache.load(file, executable: tool, layers: 1).count, 1)
        // Any byte changed, even one that would still decode (a digit of a position), empties it.
        var digit = [UInt8](good)
        let at = try XCTUnwrap(digit.indices.dropLast().first { digit[$0] == UInt8(ascii: "1") && digit[$0 + 1] == UInt8(ascii: "2") })
        digit[at] = UInt8(ascii: "3")
        var truncated = [UInt8](good)
        truncated.removeLast()
        for damage in [Data([0xFF, 0xFE, 0x00]), Data("{\"format\":1,".utf8), Data(digit), Data(truncated), good + Data([0])] {
            try damage.write(to: file)
            let cache = ResultCache.load(file, executable: tool, layers: 1)
            XCTAssertEqual(cache.count, 0)
            try cache.save()
            XCTAssertEqual(ResultCache.load(file, executable: tool, layers: 1).count, 0, "rewritten whole")
            XCTAssertNotEqual(try Data(contentsOf: file), damage)
        }
        // Another number of layers is another format.
        try good.write(to: file)
        XCTAssertEqual(ResultCache.load(file, executable: tool, layers: 2).count, 0)
    }

    func testValuesRoundTripThroughTheBinaryForm() throws {
        var writer = CacheWriter()
        writer.int(-1)
        writer.int(Int.max)
        writer.int64(Int64.min)
        writer.string("é\u{0}\n")
        writer.optional(nil as String?) { $0.string($1) }
        writer.values([SourcePosition(line: 3, column: 140)])
        var reader = CacheReader(writer.bytes)
        XCTAssertEqual(try reader.int(), -1)
        XCTAssertEqual(try reader.int(), Int.max)
        XCTAssertEqual(try reader.int64(), Int64.min)
        XCTAssertEqual(try reader.string(), "é\u{0}\n")
        XCTAssertNil(try reader.optional { reader throws(CacheReader.Damaged) in try reader.string() })
        XCTAssertEqual(try reader.values(SourcePosition.self), [SourcePosition(line: 3, column: 140)])
        XCTAssertTrue(reader.atEnd)
        // A length past the end is damage, not a crash.
        var short = CacheReader([0x05, 0x61])
        XCTAssertThrowsError(try short.string())
    }
}

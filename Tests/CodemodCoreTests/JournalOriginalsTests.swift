import CodemodCore
import Foundation
import XCTest

/// A run's original bytes live in `originals/<id>`, streamed there before its entry is written.
final class JournalOriginalsTests: XCTestCase {
    func testOriginalsAreStreamedToTheirFileAndReadBackChecked() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let journal = Journal(root: root)
        let writes = [
            PlannedWrite(path: "src/a.ts", original: Array("const a = 'é';\n".utf8), updated: Array("const a = 1;\n".utf8), sites: []),
            PlannedWrite(path: "src/empty.ts", original: [], updated: Array("x;\n".utf8), sites: []),
            PlannedWrite(path: "src/b.ts", original: Array("let b;\n".utf8), updated: [], sites: []),
        ]
        var run = JournalRun(kind: .apply, transform: "unwrap-reads", toolVersion: "test")
        run.files = try journal.recordOriginals(of: writes, run: run.id)
        try journal.record(run)

        let loaded = try journal.run(id: run.id)
        XCTAssertEqual(loaded.version, 2)
        for (file, write) in zip(loaded.files, writes) {
            XCTAssertNil(file.original, "no copy inside the entry")
            XCTAssertEqual(file.before, sha256Hex(write.original))
            XCTAssertEqual(file.after, sha256Hex(write.updated))
            XCTAssertEqual(journal.original(of: file, in: loaded), write.original)
        }
        let originals = root.appendingPathComponent(".prisma-codemod/originals/\(run.id)")
        var info = stat()
        XCTAssertEqual(stat(originals.path, &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o600)
        XCTAssertEqual(Int(info.st_size), writes.reduce(0) { $0 + $1.original.count })

        // A changed byte is a damaged copy, not other content.
        var bytes = [UInt8](try Data(contentsOf: originals))
        bytes[0] ^= 0x01
        try Data(bytes).write(to: originals)
        XCTAssertNil(journal.original(of: loaded.files[0], in: loaded))
        XCTAssertEqual(journal.original(of: loaded.files[2], in: loaded), writes[2].original)
        try FileManager.default.removeItem(at: originals)
        XCTAssertNil(journal.original(of: loaded.files[2], in: loaded))
    }

    func testEntriesOfVersionOneWithBase64OriginalsAreStillRead() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let journal = Journal(root: root)
        let id = "20261127T133600123Z-1a2b3c"
        let original = Array("const u = await executeWithRetry(() => prisma.user.findMany());\n".utf8)
        let entry = """
            {"version": 1, "id": "\(id)", "time": "2026-11-27T13:36:00Z", "kind": "apply", "transform": "unwrap-reads",
             "only": [], "toolVersion": "0.1.0", "status": "completed",
             "files": [{"path": "src/a.ts", "before": "\(sha256Hex(original))", "after": "\(sha256Hex([]))", "sites": [],
                        "original": "\(Data(original).base64EncodedString())"}]}
            """
        let runs = root.appendingPathComponent(".prisma-codemod/runs")
        try FileManager.default.createDirectory(at: runs, withIntermediateDirectories: true)
        try Data(entry.utf8).write(to: runs.appendingPathComponent("\(id).json"))
        let run = try journal.run(id: id)
        XCTAssertEqual(run.version, 1)
        XCTAssertEqual(journal.original(of: try XCTUnwrap(run.files.first), in: run), original)
    }
}

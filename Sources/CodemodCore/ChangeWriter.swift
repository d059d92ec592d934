import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file to replace: what was read, and what goes in its place.
public struct PlannedWrite: Sendable {
    public var path: String
    public var original: [UInt8]
    public var sites: [JournalSite]
    /// The new bytes, or the edits that make them from `original` (applied when asked for,
    /// so that a run's writes do not all hold their new text at once).
    private var replacement: Replacement

    enum Replacement: Sendable {
        case bytes([UInt8])
        case edits([Edit])
    }

    public var updated: [UInt8] {
        switch replacement {
        case .bytes(let bytes): bytes
        case .edits(let edits): EditSet.applying(edits, to: original)
        }
    }

    public init(path: String, original: [UInt8], updated: [UInt8], sites: [JournalSite]) {
        self.init(path: path, original: original, replacement: .bytes(updated), sites: sites)
    }

    init(path: String, original: [UInt8], replacement: Replacement, sites: [JournalSite]) {
        self.path = path
        self.original = original
        self.replacement = replacement
        self.sites = sites
    }
}

/// Writes many files all or nothing. The journal (every original, streamed to the
/// run's originals file, then its entry) is on disk before the first file is replaced;
/// every new file is staged next to its target and verified; then all are renamed into
/// place. If a step fails, the files already replaced are restored from the originals
/// before the error is thrown. A crash part-way leaves each file either old or new, and
/// the journal run `started`, so `rollback --run` can restore them.
public struct ChangeWriter {
    public let journal: Journal
    /// Test hooks: fail (and restore) or die after this many files are in place.
    public var failAfter: Int?
    public var crashAfter: Int?
    private let environment: [String: String]

    public init(journal: Journal, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.journal = journal
        self.environment = environment
        failAfter = environment["PRISMA_CODEMOD_TEST_FAIL_AFTER"].flatMap(Int.init)
        crashAfter = environment["PRISMA_CODEMOD_TEST_CRASH_AFTER"].flatMap(Int.init)
    }

    /// `interrupts`: signals noted while writing; one that arrived before the first rename
    /// stops the run with nothing changed, one that arrives later lets the renames finish
    /// (the caller decides what then).
    public func write(_ writes: [PlannedWrite], run: inout JournalRun, interrupts: InterruptGuard? = nil) throws {
        run.files = try journal.recordOriginals(of: writes, run: run.id)
        run.status = .started
        try journal.record(run)

        var staged: [(write: PlannedWrite, temporary: String, target: String)] = []
        func discardStaged() { for entry in staged { unlink(entry.temporary) } }
        do {
            // Checked and staged on all cores (each file's fsync waits on the disk); the
            // first failure in file order is the one reported, and nothing staged is kept.
            let realRoot = journal.root.resolvingSymlinksInPath().path
            let outcomes = Parallel.map(count: writes.count, stage: "staging") { index, _ -> Result<(PlannedWrite, String, String), Error> in
                let write = writes[index]
                let target = journal.root.appendingPathComponent(write.path).path
                return Result { try checkUnchanged(write, at: target, realRoot: realRoot); return (write, try stage(write, next: target), target) }
            }
            var failure: Error?
            for outcome in outcomes {
                switch outcome {
                case .success(let entry): staged.append(entry)
                case .failure(let error): failure = failure ?? error
                }
            }
            if let failure { throw failure }
            if let pause = environment["PRISMA_CODEMOD_TEST_PAUSE_STAGED"].flatMap(Double.init) {
                _ = FileManager.default.createFile(atPath: journal.folder.appendingPathComponent("paused").path, contents: nil)
                Thread.sleep(forTimeInterval: pause)
            }
            if let signal = interrupts?.received() {
                throw CodemodError.interrupted(signal: signal, "interrupted by \(InterruptGuard.name(of: signal)) before any file was replaced; "
                                               + "nothing was changed (run \(run.id) recorded as restored)")
            }
        } catch {
            discardStaged()
            run.status = .restored
            try? journal.record(run)
            throw error
        }

        var replaced: [PlannedWrite] = []
        var folders: [String] = []
        defer {
            // Each folder's renames made durable once, not once per file.
            for folder in Set(folders) { AtomicWriter.syncDirectory(folder) }
        }
        for (index, entry) in staged.enumerated() {
            do {
                if let crashAfter, replaced.count == crashAfter { _exit(99) }
                if let failAfter, replaced.count == failAfter { throw CodemodError.write(path: entry.write.path, reason: "injected failure") }
                guard rename(entry.temporary, entry.target) == 0 else {
                    throw CodemodError.write(path: entry.write.path, reason: String(cString: strerror(errno)))
                }
                replaced.append(entry.write)
                folders.append((entry.target as NSString).deletingLastPathComponent)
                if let pause = environment["PRISMA_CODEMOD_TEST_PAUSE_AFTER"].flatMap(Int.init), replaced.count == pause {
                    _ = FileManager.default.createFile(atPath: journal.folder.appendingPathComponent("paused").path, contents: nil)
                    Thread.sleep(forTimeInterval: 2)
                }
            } catch {
                for pending in staged[index...] { unlink(pending.temporary) }
                var unrestored: [String] = []
                for write in replaced {
                    do {
                        try AtomicWriter.write(write.original, to: journal.root.appendingPathComponent(write.path), displayPath: write.path)
                    } catch {
                        unrestored.append(write.path)
                    }
                }
                run.status = unrestored.isEmpty ? .restored : .started
                try? journal.record(run)
                if !unrestored.isEmpty {
                    throw CodemodError.write(path: entry.write.path, reason: "\(error); could not restore \(unrestored.joined(separator: ", ")): run `prisma-codemod rollback --run \(run.id)`")
                }
                throw error
            }
        }
        if let crashAfter, replaced.count == crashAfter { _exit(99) }
        run.status = .completed
        do {
            if environment["PRISMA_CODEMOD_TEST_FAIL_JOURNAL_COMPLETION"] != nil { throw CodemodError.journal("injected failure") }
            try journal.record(run)
        } catch {
            run.status = .started
            var reason = "\(error)"
            switch error as? CodemodError {
            case .write(_, let why)?: reason = why
            case let other?: reason = other.message
            case nil: break
            }
            throw CodemodError.journal(
                "all \(replaced.count) file(s) were written, but the journal could not record run \(run.id) as completed "
                    + "(\(reason)); the run stays 'started', so nothing else is applied until "
                    + "`prisma-codemod rollback --run \(run.id)` puts the files back as they were (free space first)")
        }
    }

    /// The file must still hold what was read: never overwrite a concurrent edit, and
    /// never write outside the project, also not through a linked folder.
    private func checkUnchanged(_ write: PlannedWrite, at target: String, realRoot: String) throws {
        let realFolder = URL(fileURLWithPath: target).deletingLastPathComponent().resolvingSymlinksInPath().path
        guard Journal.isInsidePath(write.path), realFolder == realRoot || realFolder.hasPrefix(realRoot + "/") else {
            throw CodemodError.write(path: write.path, reason: "it lies outside the project root \(realRoot) (through a link?); never written")
        }
        // Inside the root too, no folder on the way may be a link: the file would be written under a second name.
        let folder = (write.path as NSString).deletingLastPathComponent
        guard realFolder == (folder.isEmpty ? realRoot : realRoot + "/" + folder) else {
            throw CodemodError.write(path: write.path, reason: "a folder on its path is a link; links are never followed, so it is never written")
        }
        var info = stat()
        if lstat(target, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK { throw CodemodError.symlink(path: write.path) }
        guard let current = FileManager.default.contents(atPath: target), [UInt8](current) == write.original else {
            throw CodemodError.write(path: write.path, reason: "it changed after it was read; run the command again")
        }
    }

    /// Writes the new bytes to a temporary file beside the target, with its permissions, and checks them.
    private func stage(_ write: PlannedWrite, next target: String) throws -> String {
        var info = stat()
        let exists = stat(target, &info) == 0
        let temporary = AtomicWriter.temporaryPath(beside: target)
        let updated = write.updated
        try AtomicWriter.writeNewFile(updated, at: temporary, mode: exists ? info.st_mode & 0o7777 : 0o644, displayPath: write.path,
                                      owner: exists ? (info.st_uid, info.st_gid) : nil)
        if FileManager.default.contents(atPath: temporary).map([UInt8].init) != updated {
            unlink(temporary)
            throw CodemodError.write(path: write.path, reason: "the staged copy does not read back as written")
        }
        return temporary
    }
}

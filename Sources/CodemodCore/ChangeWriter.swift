import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file to replace: what was read, and what goes in its place.
public struct PlannedWrite: Sendable {
    public var path: String
    public var original: [UInt8]
    public var updated: [UInt8]
    public var sites: [JournalSite]

    public init(path: String, original: [UInt8], updated: [UInt8], sites: [JournalSite]) {
        self.path = path
        self.original = original
        self.updated = updated
        self.sites = sites
    }
}

/// Writes many files all or nothing. The journal (with every original) is on disk
/// before the first file is replaced; every new file is staged next to its target
/// and verified; then all are renamed into place. If a step fails, the files
/// already replaced are restored from the originals before the error is thrown.
/// A crash part-way leaves each file either old or new, and the journal run
/// `started`, so `rollback --run` can restore them.
public struct ChangeWriter {
    public let journal: Journal
    /// Test hooks: fail (and restore) or die after this many files are in place.
    public var failAfter: Int?
    public var crashAfter: Int?

    public init(journal: Journal, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.journal = journal
        failAfter = environment["PRISMA_CODEMOD_TEST_FAIL_AFTER"].flatMap(Int.init)
        crashAfter = environment["PRISMA_CODEMOD_TEST_CRASH_AFTER"].flatMap(Int.init)
    }

    public func write(_ writes: [PlannedWrite], run: inout JournalRun) throws {
        run.files = writes.map { JournalFile(path: $0.path, original: $0.original, updated: $0.updated, sites: $0.sites) }
        run.status = .started
        try journal.record(run)

        var staged: [(write: PlannedWrite, temporary: String, target: String)] = []
        func discardStaged() { for entry in staged { unlink(entry.temporary) } }
        do {
            for write in writes {
                let target = journal.root.appendingPathComponent(write.path).path
                try checkUnchanged(write, at: target)
                staged.append((write, try stage(write, next: target), target))
            }
        } catch {
            discardStaged()
            run.status = .restored
            try? journal.record(run)
            throw error
        }

        var replaced: [PlannedWrite] = []
        for (index, entry) in staged.enumerated() {
            do {
                if let crashAfter, replaced.count == crashAfter { _exit(99) }
                if let failAfter, replaced.count == failAfter { throw CodemodError.write(path: entry.write.path, reason: "injected failure") }
                guard rename(entry.temporary, entry.target) == 0 else {
                    throw CodemodError.write(path: entry.write.path, reason: String(cString: strerror(errno)))
                }
                replaced.append(entry.write)
                AtomicWriter.syncDirectory((entry.target as NSString).deletingLastPathComponent)
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
        try journal.record(run)
    }

    /// The file must still hold what was read: never overwrite a concurrent edit, and
    /// never write outside the project, also not through a linked folder.
    private func checkUnchanged(_ write: PlannedWrite, at target: String) throws {
        let realRoot = journal.root.resolvingSymlinksInPath().path
        let realFolder = URL(fileURLWithPath: target).deletingLastPathComponent().resolvingSymlinksInPath().path
        guard Journal.isInsidePath(write.path), realFolder == realRoot || realFolder.hasPrefix(realRoot + "/") else {
            throw CodemodError.write(path: write.path, reason: "it lies outside the project root \(realRoot) (through a link?); never written")
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
        let mode: mode_t = stat(target, &info) == 0 ? info.st_mode & 0o7777 : 0o644
        let temporary = AtomicWriter.temporaryPath(beside: target)
        try AtomicWriter.writeNewFile(write.updated, at: temporary, mode: mode, displayPath: write.path)
        if FileManager.default.contents(atPath: temporary).map([UInt8].init) != write.updated {
            unlink(temporary)
            throw CodemodError.write(path: write.path, reason: "the staged copy does not read back as written")
        }
        return temporary
    }
}

/// One writer per project root at a time: `.prisma-codemod/lock` holds the pid.
public final class RunLock {
    private let url: URL
    /// Only the process that took the lock removes it: a refused run must not.
    private var owned = false

    public init(journal: Journal) throws {
        url = journal.folder.appendingPathComponent("lock")
        try FileManager.default.createDirectory(at: journal.folder, withIntermediateDirectories: true)
        for _ in 0..<2 {
            let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            if descriptor >= 0 {
                let pid = Array("\(getpid())\n".utf8)
                _ = pid.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
                close(descriptor)
                owned = true
                if let seconds = ProcessInfo.processInfo.environment["PRISMA_CODEMOD_TEST_HOLD_LOCK"].flatMap(Double.init) {
                    Thread.sleep(forTimeInterval: seconds)
                }
                return
            }
            let holder = (try? String(contentsOf: url, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            if let holder, let pid = Int32(holder), kill(pid, 0) == 0 || errno == EPERM {
                throw CodemodError.journal("another prisma-codemod run (pid \(pid)) is writing to this project (\(url.path)); "
                                                 + "try again when it has finished, or delete that file if pid \(pid) is not prisma-codemod")
            }
            // The holder is gone: a stale lock from a crashed run.
            unlink(url.path)
        }
        throw CodemodError.journal("cannot take the lock \(url.path)")
    }

    deinit { if owned { unlink(url.path) } }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One writer per git work tree (or, outside git, per real project folder) at a time,
/// whatever journal folder or project root a run uses: `flock(2)` on a file under the
/// work tree's git folder, so two runs that see nested project roots still exclude each
/// other, and the kernel releases the lock when its holder dies (crashed, killed, or a
/// zombie not yet reaped).
public final class ProjectLock {
    public let path: String
    private let descriptor: Int32

    /// Takes the lock for the project at `root`, or throws naming the holder.
    public init(root: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        path = try Self.lockPath(for: root)
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CodemodError.journal("cannot open the lock \(path): \(String(cString: strerror(errno))); nothing was written")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = Self.readHolder(descriptor)
            close(descriptor)
            throw CodemodError.journal("another prisma-codemod run\(holder.map { " (pid \($0))" } ?? "") is writing in this work tree "
                                       + "(lock \(path)); nothing was written; try again when it has finished")
        }
        // The pid is for the message above; the lock itself is the flock.
        _ = ftruncate(descriptor, 0)
        let pid = Array("\(getpid())\n".utf8)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        if let seconds = environment["PRISMA_CODEMOD_TEST_HOLD_LOCK"].flatMap(Double.init) {
            Thread.sleep(forTimeInterval: seconds)
        }
    }

    deinit {
        _ = ftruncate(descriptor, 0)
        close(descriptor)
    }

    /// `<git folder>/prisma-codemod.lock` inside a work tree (per worktree, as git's own
    /// index lock); else `.prisma-codemod/lock` in the real path of the project folder.
    static func lockPath(for root: URL) throws -> String {
        if Git.topLevel(of: root) != nil, let result = try? Git.run(["rev-parse", "--absolute-git-dir"], in: root), result.status == 0 {
            let folder = result.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !folder.isEmpty { return folder + "/prisma-codemod.lock" }
        }
        let folder = root.resolvingSymlinksInPath().appendingPathComponent(Journal.defaultFolderName)
        try Journal.createPrivateFolder(folder)
        return folder.path + "/lock"
    }

    private static func readHolder(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, 31, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

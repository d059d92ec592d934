import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Replaces a file's content so that a reader sees either the old or the new bytes,
/// never a mix: a temporary file in the same folder, fsync, then rename over the
/// original, keeping its permissions. Symbolic links are never written through.
public enum AtomicWriter {
    /// `mode`: the new file's permissions; nil keeps the existing file's (0644 for a new one).
    /// An existing file's owner and group are kept too.
    public static func write(_ bytes: [UInt8], to url: URL, displayPath: String, mode requestedMode: mode_t? = nil) throws {
        try write(to: url, displayPath: displayPath, mode: requestedMode) { emit in try emit(bytes) }
    }

    /// The same, with the content handed over in pieces by `produce` (a report too large to
    /// hold twice): the file appears whole when `produce` returns, or not at all if it throws.
    public static func write(to url: URL, displayPath: String, mode requestedMode: mode_t? = nil,
                             produce: (_ emit: ([UInt8]) throws -> Void) throws -> Void) throws {
        let path = url.path
        var info = stat()
        var mode: mode_t = requestedMode ?? 0o644
        var owner: (uid_t, gid_t)?
        if lstat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFLNK { throw CodemodError.symlink(path: displayPath) }
            mode = requestedMode ?? info.st_mode & 0o7777
            owner = (info.st_uid, info.st_gid)
        }
        let directory = url.deletingLastPathComponent().path
        let temporary = temporaryPath(beside: path)
        try writeNewFile(at: temporary, mode: mode, displayPath: displayPath, owner: owner, produce: produce)
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw CodemodError.write(path: displayPath, reason: reason)
        }
        syncDirectory(directory)
    }

    /// A fresh hidden name in the target's folder, so the final rename stays on one file system.
    static func temporaryPath(beside path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        return "\(folder)/.\(name).prisma-codemod-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
    }

    /// Creates a new file (never an existing one) with the bytes and mode, flushed to disk.
    /// `owner`: the uid and gid to give it (a file rewritten by root stays its owner's).
    static func writeNewFile(_ bytes: [UInt8], at path: String, mode: mode_t, displayPath: String, owner: (uid_t, gid_t)? = nil) throws {
        try writeNewFile(at: path, mode: mode, displayPath: displayPath, owner: owner) { emit in try emit(bytes) }
    }

    private struct WriteFailure: Error { var reason: String }

    private static func writeNewFile(at path: String, mode: mode_t, displayPath: String, owner: (uid_t, gid_t)?,
                                     produce: (_ emit: ([UInt8]) throws -> Void) throws -> Void) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard descriptor >= 0 else { throw CodemodError.write(path: displayPath, reason: String(cString: strerror(errno))) }
        var failure: String?
        do {
            try produce { bytes in
                if let error = writeAll(bytes, to: descriptor) { throw WriteFailure(reason: String(cString: strerror(error))) }
            }
        } catch let error as WriteFailure {
            failure = error.reason
        } catch {
            close(descriptor)
            unlink(path)
            throw error
        }
        if failure == nil, let (uid, gid) = owner, uid != geteuid() || gid != getegid(), fchown(descriptor, uid, gid) != 0,
           geteuid() == 0 {
            failure = "cannot keep its owner \(uid):\(gid): \(String(cString: strerror(errno)))"
        }
        if failure == nil, fchmod(descriptor, mode) != 0 { failure = String(cString: strerror(errno)) }
        if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        close(descriptor)
        if let failure {
            unlink(path)
            throw CodemodError.write(path: displayPath, reason: failure)
        }
    }

    /// Writes all the bytes at the descriptor's position; the errno that stopped it, if one did.
    public static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        bytes.withUnsafeBytes { writeAll($0, to: descriptor) }
    }

    /// `writeAll` of a string's UTF-8, without copying it into an array first (a report can be tens of megabytes).
    public static func writeAll(_ text: String, to descriptor: Int32) -> Int32? {
        var text = text
        return text.withUTF8 { writeAll(UnsafeRawBufferPointer($0), to: descriptor) }
    }

    public static func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
        var written = 0
        while written < buffer.count, let base = buffer.baseAddress {
            let result = Glibc.write(descriptor, base + written, buffer.count - written)
            if result < 0 {
                if errno == EINTR { continue }
                return errno
            }
            written += result
        }
        return nil
    }

    /// Makes the rename itself durable.
    static func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Replaces a file's content so that a reader sees either the old or the new bytes,
/// never a mix: a temporary file in the same folder, fsync, then rename over the
/// original, keeping its permissions. Symbolic links are never written through.
public enum AtomicWriter {
    public static func write(_ bytes: [UInt8], to url: URL, displayPath: String) throws {
        let path = url.path
        var info = stat()
        var mode: mode_t = 0o644
        if lstat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFLNK { throw CodemodError.symlink(path: displayPath) }
            mode = info.st_mode & 0o7777
        }
        let directory = url.deletingLastPathComponent().path
        let temporary = "\(directory)/.\(url.lastPathComponent).prisma-codemod-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard descriptor >= 0 else { throw CodemodError.write(path: displayPath, reason: String(cString: strerror(errno))) }
        var failure: String?
        bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count, let base = buffer.baseAddress {
                let result = Glibc.write(descriptor, base + written, buffer.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                written += result
            }
        }
        if failure == nil, fchmod(descriptor, mode) != 0 { failure = String(cString: strerror(errno)) }
        if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        close(descriptor)
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw CodemodError.write(path: displayPath, reason: failure)
        }
        syncDirectory(directory)
    }

    /// Makes the rename itself durable.
    static func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}

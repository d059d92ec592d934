import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What `lstat` says of a file, as git's index keeps it: a cache entry whose stamp is the
/// file's stamp now is trusted without reading the file; any difference (an edit, a touch,
/// a file replaced by a rename) sends the file to be read and hashed, its sha256 being the
/// ground truth. `verifiedAt` is when the stamp was taken, before the file was read.
public struct FileStamp: Equatable, Sendable {
    public var size: Int64
    /// Nanoseconds since 1970.
    public var modified: Int64
    public var changed: Int64
    public var inode: UInt64
    public var device: UInt64
    /// The wall clock just before `lstat`, nanoseconds since 1970.
    public var verifiedAt: Int64

    public init(size: Int64, modified: Int64, changed: Int64, inode: UInt64, device: UInt64, verifiedAt: Int64) {
        self.size = size
        self.modified = modified
        self.changed = changed
        self.inode = inode
        self.device = device
        self.verifiedAt = verifiedAt
    }

    /// The stamp of the file at `path`, nil when it cannot be stat'ed (it is read, and reported, as it is).
    public static func of(_ path: String) -> FileStamp? {
        let now = clock()
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return FileStamp(size: Int64(info.st_size),
                         modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                         changed: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec),
                         inode: UInt64(info.st_ino), device: UInt64(info.st_dev), verifiedAt: now)
    }

    static func clock() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    /// How close to the moment a file was stamped its last change may be for the stamp still to
    /// be racy: file times are only as fine as the file system's clock (a kernel tick on Linux,
    /// a second or two on some file systems), so a file changed again within that time after
    /// it was read keeps its stamp. Two seconds covers FAT's two-second times.
    public static let racyWindow: Int64 = 2_000_000_000

    /// Whether a file found with stamp `now` is the file this stamp was taken of, unread:
    /// the same size, times, inode and device, and its last change well before the stamp was
    /// taken (git's racy-clean rule; a racy entry is hashed again).
    public func vouches(for now: FileStamp) -> Bool {
        size == now.size && modified == now.modified && changed == now.changed && inode == now.inode && device == now.device
            && max(modified, changed) < verifiedAt - Self.racyWindow
    }
}

import Crypto
import Foundation

/// Per-file results of one analysis kept between runs, in one binary file per project and
/// command (`.prisma-codemod/cache/check.bin`). Each file's entry holds its stamp (what
/// `lstat` said when it was last read), the sha256 of its bytes then, and results in
/// layers, each valid under its own key (say: facts the project context is built from,
/// keyed by the rules; the command's result, keyed by that context). A file whose stamp
/// vouches for it is neither read nor hashed; any other is hashed, and its layers kept only
/// when the bytes are the same. A cache written by another build of the tool is empty; one
/// that cannot be read (missing, damaged, another format) is empty, never an error.
public struct ResultCache: Sendable {
    /// Bumped when the stored form changes.
    static var format: UInt64 { 2 }
    static let magic = Array("prisma-codemod cache\n".utf8)
    static let digestLength = 32

    public struct Entry: Sendable {
        public var stamp: FileStamp?
        public var sha256: String
        /// By layer; nil where nothing is kept. Slices of the cache file as read, not copies.
        var layers: [ArraySlice<UInt8>?]
    }

    /// The build of the tool that stored the results: its bytes' hash, and where and how
    /// big the file was when hashed, so that the same file is not hashed again on each run.
    struct ToolStamp: Equatable, Sendable {
        var path: String
        var size: Int
        var modified: Int
        var sha256: String

        /// The stamp of the executable at `url`, reusing `known`'s hash when the file is the one it describes.
        static func of(_ url: URL, known: ToolStamp?) -> ToolStamp? {
            var info = stat()
            guard stat(url.path, &info) == 0 else { return nil }
            let modified = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
            if let known, known.path == url.path, known.size == Int(info.st_size), known.modified == modified { return known }
            guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
            return ToolStamp(path: url.path, size: Int(info.st_size), modified: modified, sha256: sha256Hex([UInt8](data)))
        }
    }

    public let file: URL
    private var tool: ToolStamp?
    private var keys: [String]
    private var entries: [String: Entry]
    private var changed = false

    /// The cache `name` of the project at `root` (`.prisma-codemod/cache/<name>.bin`).
    public static func url(root: URL, name: String) -> URL {
        root.appendingPathComponent(Journal.defaultFolderName).appendingPathComponent("cache").appendingPathComponent("\(name).bin")
    }

    /// The entries stored by the build of the tool at `executable` (its bytes, so a rebuild of
    /// the same version with other code starts afresh), with `layers` layers, each still
    /// under the key it was stored with (see `use(layer:key:)`); none when the file is
    /// missing, damaged or from another build.
    public static func load(_ file: URL, executable: URL, layers: Int) -> ResultCache {
        let data = FileBytes.read(file.path)
        let stored = data.flatMap { bytes -> (tool: ToolStamp, keys: [String], entries: [String: Entry])? in
            guard bytes.count > digestLength, SHA256.hash(data: bytes[..<(bytes.count - digestLength)]).elementsEqual(bytes[(bytes.count - digestLength)...])
            else { return nil }
            return try? decode(bytes, body: 0..<(bytes.count - digestLength), layers: layers)
        }
        var cache = ResultCache(file: file, tool: ToolStamp.of(executable, known: stored?.tool), layers: layers)
        if let stored, let tool = cache.tool, stored.tool.sha256 == tool.sha256 {
            cache.keys = stored.keys
            cache.entries = stored.entries
            cache.changed = stored.tool != tool  // the same build, moved or touched: its new place is kept
        } else {
            cache.changed = data != nil  // unusable: rewritten at the end of the run
        }
        return cache
    }

    private init(file: URL, tool: ToolStamp?, layers: Int) {
        self.file = file
        self.tool = tool
        self.keys = Array(repeating: "", count: layers)
        self.entries = [:]
    }

    public var count: Int { entries.count }

    /// Says what `layer`'s results depend on besides the file's bytes: those stored under
    /// another key are dropped.
    public mutating func use(layer: Int, key: String) {
        guard keys[layer] != key else { return }
        keys[layer] = key
        for path in entries.keys { entries[path]?.layers[layer] = nil }
        changed = true
    }

    public func entry(for path: String) -> Entry? { entries[path] }

    /// The file at `path` now has bytes hashing to `sha256`, found with `stamp` (nil: do not
    /// trust it unread next time). Results kept for other bytes are dropped.
    public mutating func identify(_ path: String, stamp: FileStamp?, sha256: String) {
        if var entry = entries[path], entry.sha256 == sha256 {
            guard entry.stamp != stamp else { return }
            entry.stamp = stamp
            entries[path] = entry
        } else {
            entries[path] = Entry(stamp: stamp, sha256: sha256, layers: Array(repeating: nil, count: keys.count))
        }
        changed = true
    }

    /// Forgets the file at `path` (it cannot be read now).
    public mutating func forget(_ path: String) {
        if entries.removeValue(forKey: path) != nil { changed = true }
    }

    /// Forgets files that are no longer there (or no longer readable).
    public mutating func keepOnly(_ paths: Set<String>) {
        let gone = entries.keys.filter { !paths.contains($0) }
        for path in gone { entries[path] = nil }
        if !gone.isEmpty { changed = true }
    }

    /// What `layer` holds for `path`, for the bytes last identified.
    public func stored(layer: Int, for path: String) -> ArraySlice<UInt8>? { entries[path]?.layers[layer] }

    /// `stored` decoded; nil when there is none or it does not decode.
    public func value<T: CacheCodable>(_ type: T.Type = T.self, layer: Int, for path: String) -> T? {
        guard let bytes = stored(layer: layer, for: path) else { return nil }
        var reader = CacheReader(bytes)
        guard let value = try? T(from: &reader), reader.atEnd else { return nil }
        return value
    }

    /// Keeps `bytes` as `layer`'s result for the file at `path` (identified first).
    public mutating func store(_ bytes: [UInt8], layer: Int, for path: String) {
        guard entries[path] != nil, entries[path]?.layers[layer].map({ $0.elementsEqual(bytes) }) != true else { return }
        entries[path]?.layers[layer] = bytes[...]
        changed = true
    }

    public mutating func store<T: CacheCodable>(_ value: T, layer: Int, for path: String) {
        var writer = CacheWriter()
        value.write(to: &writer)
        store(writer.bytes, layer: layer, for: path)
    }

    /// Writes the cache if this run changed it: temp file, fsync, rename, so a reader never
    /// sees half of it. The folder is private (results quote source code) and git-ignored.
    public func save() throws {
        // Without a stamp of the tool nothing stored could be trusted later.
        guard changed, let tool else { return }
        let cacheFolder = file.deletingLastPathComponent()
        let toolFolder = cacheFolder.deletingLastPathComponent()
        try Journal.createPrivateFolder(cacheFolder)
        let ignore = toolFolder.appendingPathComponent(".gitignore")
        if !FileManager.default.fileExists(atPath: ignore.path) {
            try AtomicWriter.write(Array("*\n".utf8), to: ignore, displayPath: ignore.path)
        }
        var bytes = encode(tool: tool)
        // A damaged byte must not pass for another result: the body's hash closes the file.
        bytes += SHA256.hash(data: bytes)
        try AtomicWriter.write(bytes, to: file, displayPath: file.path, mode: 0o600)
    }

    private func encode(tool: ToolStamp) -> [UInt8] {
        var writer = CacheWriter()
        writer.raw(Self.magic)
        writer.unsigned(Self.format)
        writer.string(tool.path)
        writer.int(tool.size)
        writer.int(tool.modified)
        writer.string(tool.sha256)
        writer.strings(keys)
        writer.unsigned(UInt64(entries.count))
        // Sorted, so that the same results give the same bytes.
        for path in entries.keys.sorted() {
            guard let entry = entries[path] else { continue }
            writer.string(path)
            writer.string(entry.sha256)
            writer.optional(entry.stamp) { writer, stamp in
                for field in [stamp.size, stamp.modified, stamp.changed, stamp.verifiedAt] { writer.int64(field) }
                writer.unsigned(stamp.inode)
                writer.unsigned(stamp.device)
            }
            for layer in entry.layers { writer.optional(layer) { $0.blob($1) } }
        }
        return writer.bytes
    }

    private static func decode(_ bytes: [UInt8], body: Range<Int>, layers: Int) throws(CacheReader.Damaged)
        -> (tool: ToolStamp, keys: [String], entries: [String: Entry]) {
        var reader = CacheReader(bytes, range: body)
        guard try reader.raw(magic.count) == magic, try reader.unsigned() == format else { throw CacheReader.Damaged() }
        let tool = ToolStamp(path: try reader.string(), size: try reader.int(), modified: try reader.int(), sha256: try reader.string())
        let keys = try reader.strings()
        guard keys.count == layers else { throw CacheReader.Damaged() }
        let count = try reader.count()
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(count)
        for _ in 0..<count {
            let path = try reader.string()
            let sha256 = try reader.string()
            let stamp = try reader.optional { reader throws(CacheReader.Damaged) in
                let size = try reader.int64(), modified = try reader.int64(), changed = try reader.int64(), verifiedAt = try reader.int64()
                return FileStamp(size: size, modified: modified, changed: changed, inode: try reader.unsigned(), device: try reader.unsigned(),
                                 verifiedAt: verifiedAt)
            }
            var stored: [ArraySlice<UInt8>?] = []
            for _ in 0..<layers {
                stored.append(try reader.optional { reader throws(CacheReader.Damaged) in bytes[try reader.blobRange()] })
            }
            entries[path] = Entry(stamp: stamp, sha256: sha256, layers: stored)
        }
        guard reader.atEnd else { throw CacheReader.Damaged() }
        return (tool, keys, entries)
    }
}

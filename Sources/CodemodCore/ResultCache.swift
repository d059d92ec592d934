import Foundation

/// Per-file results of one analysis kept between runs, in one file per project and command
/// (`.prisma-codemod/cache/check.json`): a run that finds a file's bytes unchanged takes its
/// result from here instead of parsing it. `key` stands for everything else a result depends
/// on (tool version, rules, project context); a cache stored under another key, or by
/// another build of the tool, is empty. A cache that cannot be read (missing, damaged,
/// another format) is empty, never an error.
public struct ResultCache<Value: Codable & Sendable>: Sendable {
    /// Bumped when the stored form changes.
    static var format: Int { 1 }

    struct Entry: Codable, Sendable {
        var sha256: String
        var value: Value
    }

    /// The build of the tool that stored the results: its bytes' hash, and where and how
    /// big the file was when hashed, so that the same file is not hashed again on each run.
    struct ToolStamp: Codable, Equatable, Sendable {
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

    private struct Stored: Codable {
        var format: Int
        var key: String
        var tool: ToolStamp?
        var entries: [String: Entry]
    }

    public let file: URL
    public let key: String
    private var tool: ToolStamp?
    private var entries: [String: Entry]
    private var changed = false

    /// The cache `name` of the project at `root` (`.prisma-codemod/cache/<name>.json`).
    public static func url(root: URL, name: String) -> URL {
        root.appendingPathComponent(Journal.defaultFolderName).appendingPathComponent("cache").appendingPathComponent("\(name).json")
    }

    /// The entries stored under `key` by the build of the tool at `executable` (its bytes, so
    /// a rebuild of the same version with other code starts afresh); none when the file is
    /// missing, damaged, under another key or from another build.
    public static func load(_ file: URL, key: String, executable: URL) -> ResultCache {
        let data = try? Data(contentsOf: file)
        let stored = data.flatMap { try? JSONDecoder().decode(Stored.self, from: $0) }
        var cache = ResultCache(file: file, key: key, tool: ToolStamp.of(executable, known: stored?.tool))
        if let stored, stored.format == format, stored.key == key, let tool = cache.tool, stored.tool?.sha256 == tool.sha256 {
            cache.entries = stored.entries
            cache.changed = stored.tool != tool  // the same build, moved or touched: its new place is kept
        } else {
            cache.changed = data != nil  // unusable: rewritten at the end of the run
        }
        return cache
    }

    private init(file: URL, key: String, tool: ToolStamp?) {
        self.file = file
        self.key = key
        self.tool = tool
        self.entries = [:]
    }

    public var count: Int { entries.count }

    /// The result stored for `path` if its bytes still hash to `sha256`.
    public func value(for path: String, sha256: String) -> Value? {
        guard let entry = entries[path], entry.sha256 == sha256 else { return nil }
        return entry.value
    }

    public mutating func store(_ value: Value, for path: String, sha256: String) {
        entries[path] = Entry(sha256: sha256, value: value)
        changed = true
    }

    /// Writes the cache if this run changed it: temp file, fsync, rename, so a reader never
    /// sees half of it. The folder is private (results quote source code) and git-ignored.
    public func save() throws {
        // Without a stamp of the tool nothing stored could be trusted later.
        guard changed, tool != nil else { return }
        let cacheFolder = file.deletingLastPathComponent()
        let toolFolder = cacheFolder.deletingLastPathComponent()
        try Journal.createPrivateFolder(cacheFolder)
        let ignore = toolFolder.appendingPathComponent(".gitignore")
        if !FileManager.default.fileExists(atPath: ignore.path) {
            try AtomicWriter.write(Array("*\n".utf8), to: ignore, displayPath: ignore.path)
        }
        let data = try JSONEncoder().encode(Stored(format: Self.format, key: key, tool: tool, entries: entries))
        try AtomicWriter.write([UInt8](data), to: file, displayPath: file.path, mode: 0o600)
    }
}

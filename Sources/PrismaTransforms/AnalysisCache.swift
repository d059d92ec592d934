import CodemodCore
import Foundation

/// How `check` and `inventory` keep per-file results between runs (`--no-cache`: not at all).
public struct CacheSettings: Sendable {
    public var toolVersion: String
    /// The running tool's executable: results are kept per build of it.
    public var executable: URL
    /// Told when the cache cannot be written; the run's results stand all the same.
    public var warn: @Sendable (String) -> Void
    /// For tests (`PRISMA_CODEMOD_TEST_MARK_CACHED=1`): messages of results taken from the
    /// cache start with `CACHED `, so that a test sees which ones were.
    public var markRestored = false

    public init(toolVersion: String, executable: URL, warn: @escaping @Sendable (String) -> Void) {
        self.toolVersion = toolVersion
        self.executable = executable
        self.warn = warn
    }
}

extension Workspace {
    /// The project's cache for `command`, its result layer under a key that covers the tool
    /// version and everything a file's result depends on besides its bytes and path: the
    /// rules (built-in and the project's, as read) and the project context (central module
    /// and its exports, re-exporting modules, retry helper, schema models, client classes,
    /// module resolution). A change to any of them, say in the central module's exports,
    /// drops every stored result.
    func openCache(_ command: String, settings: CacheSettings) -> OpenCache {
        var open: OpenCache
        if let cache, cache.command == command {
            open = cache
        } else {
            // Opened without it: only the run's files are identified (the context was built from all of them read).
            var store = ResultCache.load(ResultCache.url(root: project.root, name: command), executable: settings.executable,
                                         layers: CacheLayer.count)
            for file in files {
                guard case .success(let bytes) = file.content else {
                    store.forget(file.path)
                    continue
                }
                store.identify(file.path, stamp: file.stamp, sha256: sha256Hex(bytes))
            }
            open = OpenCache(command: command, settings: settings, store: store)
        }
        open.store.use(layer: CacheLayer.result, key: resultKey(command, settings: settings))
        return open
    }

    /// The key the result layer of `command` is kept under: the tool version, the rules and
    /// the project context (module resolution without the keys no file consulted).
    func resultKey(_ command: String, settings: CacheSettings) -> String {
        var keyed = context
        keyed.resolver = keyed.resolver.withoutUnconsultedKeys
        return Fingerprint.of(command, settings.toolVersion, keyed)
    }

    /// The run's whole result of `command` kept from an earlier run (`.prisma-codemod/cache/<command>-run.bin`),
    /// valid while the run's files are the same paths with the same bytes, as the per-file
    /// cache identified them, in the same project and git work tree, under the same result
    /// key: then an unchanged tree's results need not be decoded file by file, settled and
    /// sorted again. Nil when the workspace was opened without the cache or a file has no
    /// identity (it could not be read).
    func wholeRunCache(_ command: String, settings: CacheSettings) -> WholeRunCache? {
        guard let open = cache, open.command == command else { return nil }
        var text: [UInt8] = []
        for part in [resultKey(command, settings: settings), project.root.path, project.gitTopLevel?.path ?? ""] {
            text += Array("\(part.utf8.count):\(part)".utf8)
        }
        for file in files {
            guard let identity = open.store.entry(for: file.path)?.sha256 else { return nil }
            text += file.path.utf8
            text.append(0)
            text += identity.utf8
            text.append(UInt8(ascii: "\n"))
        }
        var store = ResultCache.load(ResultCache.url(root: project.root, name: command + "-run"), executable: settings.executable, layers: 1)
        store.use(layer: 0, key: "whole run")
        store.identify(WholeRunCache.entry, stamp: nil, sha256: sha256Hex(text))
        return WholeRunCache(store: store, settings: settings)
    }

    /// Writes the per-file cache the workspace was opened with, if identifying its files changed it.
    func saveIdentities() {
        if let cache { save(cache) }
    }

    func save(_ open: OpenCache) {
        do {
            try open.store.save()
        } catch {
            open.settings.warn("the results cache \(open.store.file.path) could not be written (\(CodemodError(error, path: open.store.file.path).message)); "
                               + "the next run checks every file again")
        }
    }
}

/// See `Workspace.wholeRunCache`.
struct WholeRunCache {
    /// Its one entry, identified by the digest of the run's inputs.
    static let entry = "whole run"
    fileprivate var store: ResultCache
    fileprivate let settings: CacheSettings

    /// The value kept for these inputs, if any (and it decodes).
    func value<T: CacheCodable>(_ type: T.Type = T.self) -> T? {
        store.value(T.self, layer: 0, for: Self.entry)
    }

    /// Keeps `value` as the result for these inputs (replacing any other) and writes the cache.
    mutating func keep<T: CacheCodable>(_ value: T) {
        store.store(value, layer: 0, for: Self.entry)
        do {
            try store.save()
        } catch {
            settings.warn("the results cache \(store.file.path) could not be written (\(CodemodError(error, path: store.file.path).message)); "
                          + "the next run settles every result again")
        }
    }
}

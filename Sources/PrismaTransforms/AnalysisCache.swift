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
        var keyed = context
        keyed.resolver = keyed.resolver.withoutUnconsultedKeys
        open.store.use(layer: CacheLayer.result, key: Fingerprint.of(command, settings.toolVersion, keyed))
        return open
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

import CodemodCore
import Foundation

/// How `check` and `inventory` keep per-file results between runs (`--no-cache`: not at all).
public struct CacheSettings: Sendable {
    public var toolVersion: String
    /// The running tool's executable: results are kept per build of it.
    public var executable: URL
    /// Told when the cache cannot be written; the run's results stand all the same.
    public var warn: @Sendable (String) -> Void

    public init(toolVersion: String, executable: URL, warn: @escaping @Sendable (String) -> Void) {
        self.toolVersion = toolVersion
        self.executable = executable
        self.warn = warn
    }
}

extension Workspace {
    /// The project's cache for `command`, under a key that covers the tool version and
    /// everything a file's result depends on besides its bytes and path: the rules (built-in
    /// and the project's, as read) and the project context (central module and its exports,
    /// re-exporting modules, retry helper, schema models, client classes, module resolution).
    /// A change to any of them, say in the central module's exports, starts the cache afresh.
    func openCache<Value>(_ command: String, settings: CacheSettings) -> ResultCache<Value> {
        var keyed = context
        keyed.resolver = keyed.resolver.withoutUnconsultedKeys
        return ResultCache.load(ResultCache<Value>.url(root: project.root, name: command),
                                key: Fingerprint.of(command, settings.toolVersion, keyed), executable: settings.executable)
    }

    func save<Value>(_ cache: ResultCache<Value>, settings: CacheSettings) {
        do {
            try cache.save()
        } catch {
            settings.warn("the results cache \(cache.file.path) could not be written (\(CodemodError(error, path: cache.file.path).message)); "
                          + "the next run checks every file again")
        }
    }
}

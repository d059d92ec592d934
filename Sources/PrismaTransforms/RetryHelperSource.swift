import CodemodCore

/// Where the retry helper that new retries call comes from: the module files import it
/// from, and the module that defines it, found by following that module's exports and
/// re-exports by syntax tree. A wrap that would call a name its module does not export
/// stops before it writes anything.
public struct RetryHelperSource: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        /// Defined in the project file `path` under `localName` (nil when the export is an
        /// expression such as `module.exports = { executeWithRetry: async (…) => … }`).
        case defined(path: String, localName: String?)
        /// The import module is a project file that exports no such name.
        case missing(modulePath: String)
        /// The import module is a package, or a re-export leads into one: nothing to check here.
        case unchecked
    }

    /// The exported name new retries use.
    public var helper: String
    /// The module files import the helper from.
    public var moduleKey: String
    public var status: Status

    /// Follows `helper` from the module with key `moduleKey` through re-exports. Only the
    /// files on that path are parsed.
    static func locate(helper: String, moduleKey: String, files: [LoadedFile], resolver: ModuleResolver) -> RetryHelperSource {
        var byKey: [String: LoadedFile] = [:]
        for file in files where !file.path.hasSuffix(".d.ts") {
            byKey[ModuleResolver.key(file.path)] = byKey[ModuleResolver.key(file.path)] ?? file
        }
        var result = RetryHelperSource(helper: helper, moduleKey: moduleKey, status: .unchecked)
        guard let start = byKey[moduleKey] else { return result }
        let parsers = ParserSet()
        var pending: [(key: String, name: String)] = [(moduleKey, helper)]
        var visited = Set<String>()
        var unresolved = false
        while let (key, name) = pending.popLast() {
            guard visited.insert(key + "\u{0}" + name).inserted else { continue }
            guard let loaded = byKey[key], case .success(let bytes) = loaded.content,
                  let file = try? ParsedFile.clean(path: loaded.path, bytes: bytes, parsers: parsers) else {
                unresolved = true  // a package, or a file that does not parse: reported elsewhere
                continue
            }
            let exports = ModuleExports(file: file)
            if let value = exports.own[name] {
                if case .local(let local) = value {
                    result.status = .defined(path: loaded.path, localName: local)
                } else {
                    result.status = .defined(path: loaded.path, localName: nil)
                }
                return result
            }
            for reexport in exports.reexports {
                let source = reexport.names.map { $0[name] } ?? (name == "default" ? nil : name)
                guard let source else { continue }
                guard let target = resolver.resolve(reexport.specifier, from: loaded.path) else {
                    unresolved = true
                    continue
                }
                pending.append((target, source))
            }
        }
        if !unresolved { result.status = .missing(modulePath: start.path) }
        return result
    }

    /// For a file about to call the helper: the name to call it by and the module key to
    /// import it from, or nil for no import (the file defines it).
    func importPlan(for path: String) -> (name: String, moduleKey: String?) {
        if case .defined(let definingPath, let localName) = status, let localName {
            if definingPath == path { return (localName, nil) }
            // The import module re-exports the helper: a file inside it imports from the definer.
            if ModuleResolver.key(path) == moduleKey { return (helper, ModuleResolver.key(definingPath)) }
        }
        return (helper, moduleKey)
    }
}

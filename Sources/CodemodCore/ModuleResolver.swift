import Foundation

/// A tsconfig `paths` entry or a package.json `imports` entry: `@/*` → `src/*` is prefix
/// `@/`, targets `[src/]`, wildcard. Every target is kept; the first that names a module
/// of the project wins, as TypeScript tries them in order.
public struct PathAlias: Equatable, Sendable {
    public var prefix: String
    public var targets: [String]
    public var wildcard: Bool

    /// The first target, the one specifiers are written for.
    public var target: String { targets.first ?? "" }

    public init(prefix: String, target: String, wildcard: Bool) {
        self.init(prefix: prefix, targets: [target], wildcard: wildcard)
    }

    public init(prefix: String, targets: [String], wildcard: Bool) {
        self.prefix = prefix
        self.targets = targets
        self.wildcard = wildcard
    }

    /// From a pattern and root-relative targets as the config files write them (`@/*`, `src/*`).
    init?(pattern: String, targets: [String]) {
        guard !targets.isEmpty else { return nil }
        if pattern.hasSuffix("*") {
            let prefixes = targets.filter { $0.hasSuffix("*") }.map { String($0.dropLast()) }
            guard !prefixes.isEmpty else { return nil }
            self.init(prefix: String(pattern.dropLast()), targets: prefixes, wildcard: true)
        } else {
            self.init(prefix: pattern, targets: targets, wildcard: false)
        }
    }
}

/// How a file spells imports of local modules.
public enum SpecifierStyle: Equatable, Sendable {
    /// `../utils/prisma`, with `.js` or `.ts` where the project or the file uses one.
    case relative(extension: String?)
    case alias
}

/// Maps module specifiers to root-relative module keys (path without extension or
/// `/index`) and back, as TypeScript resolves them: relative paths, `paths` and package
/// `imports` aliases (every target), and `baseUrl`.
public struct ModuleResolver: Sendable {
    public let aliases: [PathAlias]
    /// `.js` for Node ESM projects, `.ts` with `allowImportingTsExtensions`, nil for none.
    public let importExtension: String?
    public let baseUrl: String?
    /// The module keys of the project's files, when known: what lets an alias with several
    /// targets, or `baseUrl`, tell a module of the project from a package.
    public let knownKeys: Set<String>?
    /// How most of the project's files spell local imports: what a file without any gets.
    public var projectStyle: SpecifierStyle?

    public init(aliases: [PathAlias], importExtension: String? = nil, baseUrl: String? = nil, knownKeys: Set<String>? = nil) {
        self.aliases = aliases.sorted { $0.prefix.count > $1.prefix.count }  // the longest matching pattern wins
        self.importExtension = importExtension
        self.baseUrl = baseUrl
        self.knownKeys = knownKeys
    }

    /// The same resolver, knowing the project's files (their paths, and their texts for the
    /// project's import style).
    /// `sources`: the files' bytes, read for the project's import habit where it has aliases.
    public func knowing(paths: [String], sources: [[UInt8]] = []) -> ModuleResolver {
        knowing(paths: paths, importCounts: sources.reduce(into: ImportCounts()) { $0.add(importCounts(in: $1)) })
    }

    /// `knowing(paths:sources:)` with the files' import counts summed (each file's kept between runs).
    public func knowing(paths: [String], importCounts: ImportCounts) -> ModuleResolver {
        var resolver = ModuleResolver(aliases: aliases, importExtension: importExtension, baseUrl: baseUrl, knownKeys: Set(paths.map(Self.key)))
        resolver.projectStyle = aliases.isEmpty || importCounts.aliased <= importCounts.relative ? nil : .alias
        return resolver
    }

    /// The same resolver without `knownKeys` where no resolution consults them (no alias and
    /// no `baseUrl`): it resolves every specifier the same, and a cache keyed by it is not
    /// thrown away each time a file is added to the project.
    public var withoutUnconsultedKeys: ModuleResolver {
        guard aliases.isEmpty, baseUrl == nil else { return self }
        var resolver = ModuleResolver(aliases: aliases, importExtension: importExtension, baseUrl: baseUrl, knownKeys: nil)
        resolver.projectStyle = projectStyle
        return resolver
    }

    /// How often a text imports relatively and through an alias: the style is `.alias` when
    /// the project's files import through aliases more often than relatively.
    public struct ImportCounts: Sendable, Equatable {
        public var relative = 0
        public var aliased = 0

        public init(relative: Int = 0, aliased: Int = 0) {
            self.relative = relative
            self.aliased = aliased
        }

        public mutating func add(_ other: ImportCounts) {
            relative += other.relative
            aliased += other.aliased
        }
    }

    /// Nothing without aliases (there is no style to choose then). Counted over the bytes: it
    /// reads every file of the project, where a String copy of each doubled the memory.
    public func importCounts(in bytes: [UInt8]) -> ImportCounts {
        var counts = ImportCounts()
        guard !aliases.isEmpty, ByteSearch.contains(bytes, "from ") else { return counts }
        func occurrences(of needle: String) -> Int {
            var count = 0
            var offset = 0
            while let found = ByteSearch.firstOffset(of: needle, in: bytes, from: offset) {
                count += 1
                offset = found + needle.utf8.count
            }
            return count
        }
        for quote in ["'", "\""] {
            counts.relative += occurrences(of: "from \(quote).")
            for alias in aliases { counts.aliased += occurrences(of: "from \(quote)\(alias.prefix)") }
        }
        return counts
    }

    private func known(_ key: String) -> Bool { knownKeys?.contains(key) ?? true }

    /// The module key a specifier in `file` refers to, or nil for a package import.
    public func resolve(_ specifier: String, from file: String) -> String? {
        if specifier.hasPrefix("./") || specifier.hasPrefix("../") || specifier == "." || specifier == ".." {
            let directory = (file as NSString).deletingLastPathComponent
            return Self.key(Self.normalize(directory.isEmpty ? specifier : directory + "/" + specifier))
        }
        for alias in aliases {
            let candidates: [String]
            if alias.wildcard, specifier.hasPrefix(alias.prefix) {
                candidates = alias.targets.map { Self.key(Self.normalize($0 + specifier.dropFirst(alias.prefix.count))) }
            } else if !alias.wildcard, specifier == alias.prefix {
                candidates = alias.targets.map { Self.key(Self.normalize($0)) }
            } else {
                continue
            }
            return candidates.first(where: known) ?? candidates.first
        }
        // `baseUrl` alone: a bare specifier is a module of the project only if that file exists.
        if let baseUrl, let knownKeys {
            let key = Self.key(Self.normalize(baseUrl + "/" + specifier))
            if knownKeys.contains(key) { return key }
        }
        return nil
    }

    /// True when the specifier goes through an alias (`paths` or package `imports`).
    public func isAlias(_ specifier: String) -> Bool {
        aliases.contains { $0.wildcard ? specifier.hasPrefix($0.prefix) : specifier == $0.prefix }
    }

    /// The style a file already uses for its local imports; without any, what the file
    /// kind and the project need (`.mts` files and Node ESM projects want `.js`).
    public func style(of specifiers: [String], in file: String) -> SpecifierStyle {
        let local = specifiers.filter { $0.hasPrefix(".") || isAlias($0) }
        if local.contains(where: isAlias) { return .alias }
        for suffix in [".ts", ".js"] where local.contains(where: { $0.hasSuffix(suffix) }) { return .relative(extension: suffix) }
        if !local.isEmpty { return .relative(extension: nil) }
        if let projectStyle { return projectStyle }
        if file.hasSuffix(".cts") { return .relative(extension: nil) }
        if file.hasSuffix(".mts") { return .relative(extension: importExtension ?? ".js") }
        return .relative(extension: importExtension)
    }

    /// How `file` should spell an import of the module with key `key`.
    public func specifier(for key: String, from file: String, style: SpecifierStyle) -> String {
        if style == .alias {
            let candidates = aliases.filter { $0.wildcard && key.hasPrefix($0.target) }
            if let best = candidates.max(by: { $0.target.count < $1.target.count }) {
                return best.prefix + key.dropFirst(best.target.count)
            }
            if let exact = aliases.first(where: { !$0.wildcard && Self.key($0.target) == key }) {
                return exact.prefix
            }
        }
        let from = ((file as NSString).deletingLastPathComponent).split(separator: "/").map(String.init)
        let to = key.split(separator: "/").map(String.init)
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        let ups = from.count - common
        let rest = to[common...].joined(separator: "/")
        var specifier = ups == 0 ? "./" + rest : String(repeating: "../", count: ups) + rest
        if case .relative(let suffix?) = style { specifier += suffix }
        return specifier
    }

    /// A module key: the path without a source extension and without `/index`.
    public static func key(_ path: String) -> String {
        var result = path
        for suffix in [".d.ts", ".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"] where result.hasSuffix(suffix) {
            result = String(result.dropLast(suffix.count))
            break
        }
        if result.hasSuffix("/index") { result = String(result.dropLast("/index".count)) }
        return result
    }

    /// Resolves `.` and `..` segments of a `/`-separated relative path.
    public static func normalize(_ path: String) -> String {
        var parts: [String] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty, parts.last != ".." { parts.removeLast() } else { parts.append("..") }
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }
}

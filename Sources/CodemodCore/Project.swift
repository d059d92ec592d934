import Foundation

/// The folder a run works on: the backend root (nearest `package.json` above the
/// given path), its git work tree if any, and its tsconfig path aliases.
public struct Project: Sendable {
    public let root: URL
    public let gitTopLevel: URL?
    public let resolver: ModuleResolver

    public init(root: URL) {
        self.root = root.standardizedFileURL
        self.gitTopLevel = Git.topLevel(of: self.root)
        self.resolver = ModuleResolver(aliases: TSConfig.pathAliases(root: self.root),
                                       requiresExtensions: TSConfig.requiresImportExtensions(root: self.root))
    }

    /// The project holding the first path: the nearest folder at or above it with a
    /// `package.json`, else the git top level, else the folder itself.
    public static func locate(for path: String, currentDirectory: URL) throws -> Project {
        let url = resolve(path, against: currentDirectory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw CodemodError.missingPath(path)
        }
        let start = isDirectory.boolValue ? url : url.deletingLastPathComponent()
        var candidate = start
        while true {
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("package.json").path) {
                return Project(root: candidate)
            }
            let parent = candidate.deletingLastPathComponent()
            if parent.path == candidate.path { break }
            candidate = parent
        }
        return Project(root: Git.topLevel(of: start) ?? start)
    }

    /// A command-line path, absolute or relative to `directory`.
    public static func resolve(_ path: String, against directory: URL) -> URL {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: directory.path).appendingPathComponent(path)
        return url.standardizedFileURL
    }

    /// `/`-separated path of a file below the root.
    public func relativePath(of url: URL) -> String {
        Self.relative(url.standardizedFileURL.path, to: root.path)
    }

    public func url(of relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    /// The path as git sees it from the work tree's top, for patches.
    public func repositoryPath(of relativePath: String) -> String {
        guard let top = gitTopLevel else { return relativePath }
        return Self.relative(url(of: relativePath).standardizedFileURL.path, to: top.path)
    }

    public static func relative(_ path: String, to base: String) -> String {
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

/// Reads `compilerOptions.paths` of the root's tsconfig.json (comments and
/// trailing commas allowed, as tsc allows them).
public enum TSConfig {
    public static func pathAliases(root: URL) -> [PathAlias] {
        guard let data = try? Data(contentsOf: root.appendingPathComponent("tsconfig.json")),
              let json = try? JSONSerialization.jsonObject(with: Data(stripJSONComments(data))),
              let options = (json as? [String: Any])?["compilerOptions"] as? [String: Any],
              let paths = options["paths"] as? [String: [String]] else { return [] }
        let baseUrl = (options["baseUrl"] as? String) ?? "."
        return paths.keys.sorted().compactMap { pattern in
            guard let target = paths[pattern]?.first else { return nil }
            let joined = ModuleResolver.normalize(baseUrl + "/" + target)
            if pattern.hasSuffix("*"), joined.hasSuffix("*") {
                return PathAlias(prefix: String(pattern.dropLast()), target: String(joined.dropLast()), wildcard: true)
            }
            return PathAlias(prefix: pattern, target: joined, wildcard: false)
        }
    }

    /// Node's ESM resolution (`"type": "module"` with `module` or `moduleResolution`
    /// node16/nodenext) needs relative imports spelled with `.js`.
    public static func requiresImportExtensions(root: URL) -> Bool {
        guard let package = try? Data(contentsOf: root.appendingPathComponent("package.json")),
              let manifest = try? JSONSerialization.jsonObject(with: package) as? [String: Any],
              manifest["type"] as? String == "module",
              let data = try? Data(contentsOf: root.appendingPathComponent("tsconfig.json")),
              let json = try? JSONSerialization.jsonObject(with: Data(stripJSONComments(data))) as? [String: Any],
              let options = json["compilerOptions"] as? [String: Any] else { return false }
        let modes = [options["module"], options["moduleResolution"]].compactMap { ($0 as? String)?.lowercased() }
        return modes.contains { $0 == "node16" || $0 == "nodenext" }
    }

    static func stripJSONComments(_ data: Data) -> [UInt8] {
        let bytes = [UInt8](data)
        var output: [UInt8] = []
        var index = 0
        var inString = false
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                output.append(byte)
                if byte == UInt8(ascii: "\\"), index + 1 < bytes.count { output.append(bytes[index + 1]); index += 2; continue }
                if byte == UInt8(ascii: "\"") { inString = false }
                index += 1
                continue
            }
            if byte == UInt8(ascii: "\"") { inString = true }
            if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/") {
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                continue
            }
            if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                index += 2
                while index + 1 < bytes.count, !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/")) { index += 1 }
                index += 2
                continue
            }
            if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                // Drop a trailing comma before a closing bracket.
                var back = output.count - 1
                while back >= 0, [0x20, 0x09, 0x0A, 0x0D].contains(output[back]) { back -= 1 }
                if back >= 0, output[back] == UInt8(ascii: ",") { output.remove(at: back) }
            }
            output.append(byte)
            index += 1
        }
        return output
    }
}

/// A tsconfig `paths` entry: `@/*` → `src/*` is prefix `@/`, target `src/`.
public struct PathAlias: Equatable, Sendable {
    public var prefix: String
    public var target: String
    public var wildcard: Bool

    public init(prefix: String, target: String, wildcard: Bool) {
        self.prefix = prefix
        self.target = target
        self.wildcard = wildcard
    }
}

/// How a file spells imports of local modules.
public enum SpecifierStyle: Equatable, Sendable {
    case relative(esmSuffix: Bool)
    case alias
}

/// Maps module specifiers to root-relative module keys (path without extension
/// or `/index`) and back.
public struct ModuleResolver: Sendable {
    public let aliases: [PathAlias]
    /// The project resolves imports as Node ESM: relative specifiers need `.js`.
    public let requiresExtensions: Bool

    public init(aliases: [PathAlias], requiresExtensions: Bool = false) {
        self.aliases = aliases
        self.requiresExtensions = requiresExtensions
    }

    /// The module key a specifier in `file` refers to, or nil for a package import.
    public func resolve(_ specifier: String, from file: String) -> String? {
        if specifier.hasPrefix("./") || specifier.hasPrefix("../") || specifier == "." || specifier == ".." {
            let directory = (file as NSString).deletingLastPathComponent
            return Self.key(Self.normalize(directory.isEmpty ? specifier : directory + "/" + specifier))
        }
        // The longest matching pattern wins, as in TypeScript.
        for alias in aliases.sorted(by: { $0.prefix.count > $1.prefix.count }) {
            if alias.wildcard, specifier.hasPrefix(alias.prefix) {
                return Self.key(Self.normalize(alias.target + specifier.dropFirst(alias.prefix.count)))
            }
            if !alias.wildcard, specifier == alias.prefix {
                return Self.key(alias.target)
            }
        }
        return nil
    }

    /// True when the specifier goes through a tsconfig alias.
    public func isAlias(_ specifier: String) -> Bool {
        aliases.contains { $0.wildcard ? specifier.hasPrefix($0.prefix) : specifier == $0.prefix }
    }

    /// The style a file already uses for its local imports; without any, what the file
    /// kind and the project need (`.mts` files and Node ESM projects want `.js`).
    public func style(of specifiers: [String], in file: String) -> SpecifierStyle {
        let local = specifiers.filter { $0.hasPrefix(".") || isAlias($0) }
        if local.contains(where: isAlias) { return .alias }
        if local.contains(where: { $0.hasSuffix(".js") }) { return .relative(esmSuffix: true) }
        if !local.isEmpty { return .relative(esmSuffix: false) }
        return .relative(esmSuffix: file.hasSuffix(".mts") || (requiresExtensions && !file.hasSuffix(".cts")))
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
        if case .relative(esmSuffix: true) = style { specifier += ".js" }
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

import Foundation

/// How a project resolves module specifiers, as TypeScript and Node read it: tsconfig.json
/// (JSON5, following `extends`) for `paths` (every target), `baseUrl` and the import
/// extension the project needs, and package.json `imports` (`#app/*`).
public struct ModuleSettings: Sendable {
    public var aliases: [PathAlias] = []
    /// Root-relative folder bare specifiers resolve against (`baseUrl`), if set.
    public var baseUrl: String?
    /// `.js` (Node ESM), `.ts` (`allowImportingTsExtensions`), or nil (extension-less).
    public var importExtension: String?

    public var resolver: ModuleResolver {
        ModuleResolver(aliases: aliases, importExtension: importExtension, baseUrl: baseUrl)
    }

    public static func read(root: URL) -> ModuleSettings {
        var settings = ModuleSettings()
        let options = CompilerOptions.load(root.appendingPathComponent("tsconfig.json"))
        let rootPath = root.standardizedFileURL.path
        func relative(_ url: URL) -> String {
            let path = url.standardizedFileURL.path
            return path == rootPath ? "" : Project.relative(path, to: rootPath)
        }
        if let baseUrl = options.baseUrl { settings.baseUrl = relative(baseUrl) }
        if let (paths, declaredIn) = options.paths {
            // Targets are relative to baseUrl when there is one, else to the config that declared them.
            let base = options.baseUrl ?? declaredIn
            settings.aliases += paths.keys.sorted().compactMap { pattern in
                let targets = (paths[pattern] ?? []).map { relative($0.hasPrefix("/") ? URL(fileURLWithPath: $0) : base.appendingPathComponent($0)) }
                return PathAlias(pattern: pattern, targets: targets)
            }
        }
        settings.aliases += packageImports(root: root)
        if options.allowImportingTsExtensions == true || options.rewriteRelativeImportExtensions == true {
            settings.importExtension = ".ts"
        } else if isNodeESM(root: root, options: options) {
            settings.importExtension = ".js"
        }
        return settings
    }

    /// package.json `imports`: `"#app/*": "./app/*"`, or conditions (`{ "types": …, "default": … }`),
    /// every string target kept as an alternative.
    static func packageImports(root: URL) -> [PathAlias] {
        guard let data = try? Data(contentsOf: root.appendingPathComponent("package.json")),
              let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let imports = manifest["imports"] as? [String: Any] else { return [] }
        return imports.keys.sorted().compactMap { pattern in
            guard pattern.hasPrefix("#") else { return nil }
            var targets: [String] = []
            var pending: [Any] = [imports[pattern] as Any]
            while !pending.isEmpty {
                let value = pending.removeFirst()
                if let text = value as? String {
                    targets.append(ModuleResolver.normalize(text))
                } else if let conditions = value as? [String: Any] {
                    // Source-facing conditions first: they name the .ts files.
                    let order = ["types", "import", "node", "require", "default"]
                    pending += conditions.keys.sorted { (order.firstIndex(of: $0) ?? order.count, $0) < (order.firstIndex(of: $1) ?? order.count, $1) }
                        .compactMap { conditions[$0] }
                } else if let list = value as? [Any] {
                    pending += list
                }
            }
            return PathAlias(pattern: pattern, targets: targets)
        }
    }

    /// Node's ESM resolution (`"type": "module"` with `module` or `moduleResolution`
    /// node16/nodenext) needs relative imports spelled with an extension.
    static func isNodeESM(root: URL, options: CompilerOptions) -> Bool {
        guard let package = try? Data(contentsOf: root.appendingPathComponent("package.json")),
              let manifest = try? JSONSerialization.jsonObject(with: package) as? [String: Any],
              manifest["type"] as? String == "module" else { return false }
        let modes = [options.module, options.moduleResolution].compactMap { $0?.lowercased() }
        return modes.contains { $0 == "node16" || $0 == "nodenext" }
    }
}

/// The `compilerOptions` that matter here, merged along a tsconfig's `extends` chain.
struct CompilerOptions {
    /// Absolute, resolved against the config that set it.
    var baseUrl: URL?
    /// The patterns, and the folder of the config that declared them.
    var paths: (patterns: [String: [String]], declaredIn: URL)?
    var module: String?
    var moduleResolution: String?
    var allowImportingTsExtensions: Bool?
    var rewriteRelativeImportExtensions: Bool?

    private struct File: Decodable {
        var extends: Extends?
        var compilerOptions: Options?

        struct Options: Decodable {
            var baseUrl: String?
            var paths: [String: [String]]?
            var module: String?
            var moduleResolution: String?
            var allowImportingTsExtensions: Bool?
            var rewriteRelativeImportExtensions: Bool?
        }

        /// `"extends": "./base.json"` or, since TypeScript 5, a list.
        enum Extends: Decodable {
            case one(String)
            case many([String])

            init(from decoder: Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let one = try? container.decode(String.self) { self = .one(one) } else { self = .many(try container.decode([String].self)) }
            }

            var list: [String] {
                switch self {
                case .one(let value): return [value]
                case .many(let values): return values
                }
            }
        }
    }

    /// The options of `url` over those of what it extends (a chain of at most 32 files; a cycle ends it).
    static func load(_ url: URL) -> CompilerOptions {
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true
        // Collect the chain from the leaf, then apply from the most basic config up.
        var chain: [(file: File, folder: URL)] = []
        var pending = [url]
        var seen = Set<String>()
        while let next = pending.popLast(), chain.count < 32 {
            let path = next.standardizedFileURL.path
            guard seen.insert(path).inserted, let data = try? Data(contentsOf: next),
                  let file = try? decoder.decode(File.self, from: data) else { continue }
            let folder = next.deletingLastPathComponent()
            chain.append((file, folder))
            // Later entries of an `extends` list win: push them last so they are applied after.
            for parent in (file.extends?.list ?? []).reversed() {
                if let resolved = resolveExtends(parent, from: folder) { pending.append(resolved) }
            }
        }
        var merged = CompilerOptions()
        // `${configDir}` (TypeScript 5.5) is the folder of the config being used, not of the one that says it.
        let configDir = url.deletingLastPathComponent().standardizedFileURL.path
        func expand(_ text: String) -> String { text.replacingOccurrences(of: "${configDir}", with: configDir) }
        func locate(_ text: String, in folder: URL) -> URL {
            let expanded = expand(text)
            return (expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded) : folder.appendingPathComponent(expanded)).standardizedFileURL
        }
        for (file, folder) in chain.reversed() {
            guard let options = file.compilerOptions else { continue }
            if let baseUrl = options.baseUrl { merged.baseUrl = locate(baseUrl, in: folder) }
            if let paths = options.paths { merged.paths = (paths.mapValues { $0.map(expand) }, folder) }
            merged.module = options.module ?? merged.module
            merged.moduleResolution = options.moduleResolution ?? merged.moduleResolution
            merged.allowImportingTsExtensions = options.allowImportingTsExtensions ?? merged.allowImportingTsExtensions
            merged.rewriteRelativeImportExtensions = options.rewriteRelativeImportExtensions ?? merged.rewriteRelativeImportExtensions
        }
        return merged
    }

    /// A relative or absolute file, or a package's config under node_modules (searched upwards).
    static func resolveExtends(_ specifier: String, from folder: URL) -> URL? {
        let manager = FileManager.default
        func withJSON(_ url: URL) -> URL? {
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue { return url }
            let json = url.appendingPathExtension("json")
            if manager.fileExists(atPath: json.path) { return json }
            let inside = url.appendingPathComponent("tsconfig.json")
            return manager.fileExists(atPath: inside.path) ? inside : nil
        }
        if specifier.hasPrefix("/") { return withJSON(URL(fileURLWithPath: specifier)) }
        if specifier.hasPrefix(".") { return withJSON(folder.appendingPathComponent(specifier)) }
        var current = folder.standardizedFileURL
        while true {
            if let found = withJSON(current.appendingPathComponent("node_modules").appendingPathComponent(specifier)) { return found }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return nil }
            current = parent
        }
    }
}

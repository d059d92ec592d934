import CodemodCore
import Foundation
import PrismaRules
import SyntaxTree

/// A source file of a run: its stamp, taken when it was listed, and its bytes, or why they
/// cannot be read, read when asked for (a file the results cache vouches for by its stamp is
/// never read). The bytes are not kept: a run over 10,000 files would hold them all (92 MB
/// on the benchmark) while it needs one file per worker; a pass that asks again reads again.
public struct LoadedFile: Sendable {
    public var path: String
    /// Nil when the file could not be stat'ed.
    public let stamp: FileStamp?
    private let absolutePath: String

    /// `absolutePath`: where the file is (`path` is how it is shown).
    init(path: String, absolutePath: String) {
        self.path = path
        // Before the bytes are read: a stamp taken after them could vouch for an edit made in between.
        stamp = FileStamp.of(absolutePath)
        self.absolutePath = absolutePath
    }

    public var content: Result<[UInt8], CodemodError> {
        SourceLoader.load(URL(fileURLWithPath: absolutePath), displayPath: path)
    }
}

/// Which project a file belongs to: the nearest folder at or above it, up to a ceiling,
/// with a `package.json` or a Prisma schema. Answers are remembered per folder.
struct ProjectLayout {
    private var roots: [String: Bool] = [:]
    /// Ceiling and folder → the folder's project root.
    private var owners: [String: String] = [:]

    mutating func owner(of file: URL, ceiling: URL) -> URL {
        URL(fileURLWithPath: owner(ofPath: file.standardizedFileURL.path, ceiling: ceiling.standardizedFileURL.path), isDirectory: true)
    }

    /// `owner(of:ceiling:)` over standardized absolute paths: string work, once per folder.
    mutating func owner(ofPath file: String, ceiling top: String) -> String {
        let below = top.hasSuffix("/") ? top : top + "/"
        var folder = Self.parent(of: file)
        var passed: [String] = []
        var found = top
        while folder.hasPrefix(below) {
            if let known = owners[top + "\u{0}" + folder] {
                found = known
                break
            }
            passed.append(folder)
            if isRoot(folder) {
                found = folder
                break
            }
            folder = Self.parent(of: folder)
        }
        // Every folder passed on the way up belongs to the same project.
        for folder in passed { owners[top + "\u{0}" + folder] = found }
        return found
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return slash == path.utf8.startIndex ? "/" : String(path[..<slash])
    }

    private mutating func isRoot(_ folder: String) -> Bool {
        if let known = roots[folder] { return known }
        let manager = FileManager.default
        let found = ["package.json", "schema.prisma", "prisma/schema.prisma"].contains {
            manager.fileExists(atPath: folder + "/" + $0)
        }
        roots[folder] = found
        return found
    }
}

/// The files of one run in one project, each read once, with the project, rules and central module.
public struct Workspace: Sendable {
    public let project: Project
    public let context: PrismaContext
    public let files: [LoadedFile]
    /// What each of the project's files adds to the context, by path.
    let facts: [String: FileFacts]
    /// The results cache the workspace was opened with, its files identified (nil: none).
    var cache: OpenCache?
    /// Whether `map` parses only a file's top-level statements with Prisma text (the analysis
    /// result is the same: `OmittedStatements`); off only to compare with whole parses.
    var parsesOnlyPrismaStatements = true

    public var configuration: PrismaConfiguration { context.configuration }

    /// A results cache as a workspace opened it: every readable file of the project has its
    /// entry, with the sha256 of its bytes now; its facts layers are current.
    struct OpenCache: Sendable {
        var command: String
        var settings: CacheSettings
        var store: ResultCache
    }

    /// The cache's layers: the client subclasses a file declares, its other facts, the command's result.
    enum CacheLayer {
        static let subclasses = 0
        static let facts = 1
        static let result = 2
        static let count = 3
    }

    /// The one project the paths lie in, opened; paths that span several projects are an
    /// error naming them (commands that write work on one project at a time).
    public static func open(paths: [String], selection: FileSelection = FileSelection(),
                            currentDirectory: URL, centralModule: String? = nil) throws -> Workspace {
        let workspaces = try openProjects(paths: paths, selection: selection, currentDirectory: currentDirectory, centralModule: centralModule)
        guard workspaces.count <= 1 else {
            let roots = workspaces.map(\.project.displayPath)
            let list = roots.prefix(5).joined(separator: ", ") + (roots.count > 5 ? " and \(roots.count - 5) more" : "")
            throw CodemodError.selection("the paths lie in \(workspaces.count) projects (\(list)); this command works on one project "
                                         + "at a time: name one of them")
        }
        if let workspace = workspaces.first { return workspace }
        let project = try Project.locate(for: paths.first ?? ".", currentDirectory: currentDirectory)
        return try make(project: project, paths: [], centralModule: centralModule)
    }

    /// One workspace per project the paths reach: a project is the nearest folder with a
    /// `package.json` or a Prisma schema, so `check .` at a monorepo root, or `check svc1 svc2`,
    /// gives each service its own client module, rules and tsconfig. With `cache` (for the
    /// command `cacheName`), each project's results cache is opened and its files identified
    /// by it: a file it vouches for is not read to build the context.
    public static func openProjects(paths: [String], selection: FileSelection = FileSelection(),
                                    currentDirectory: URL, centralModule: String? = nil,
                                    cache: CacheSettings? = nil, cacheName: String = "") throws -> [Workspace] {
        var layout = ProjectLayout()
        var byRoot: [String: OrderedPaths] = [:]
        // The projects located for the arguments, by root: not located (git asked) again.
        var located: [String: Project] = [:]
        // Folders named whole, with no --include/--exclude/--extensions: their projects' files are all listed already.
        var wholeFolders: [String] = []
        for argument in paths.isEmpty ? ["."] : paths {
            let project = try Project.locate(for: argument, currentDirectory: currentDirectory)
            located[project.root.path] = project
            let folder = Project.resolve(argument, against: currentDirectory).path
            var isDirectory: ObjCBool = false
            if selection.takesEveryFile, FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory),
               isDirectory.boolValue {
                wholeFolders.append(folder)
            }
            // The files of a folder share their project: it is found once per folder.
            var ownerOfFolder: [Substring: String] = [:]
            for path in try FileDiscovery.files(in: [argument], project: project, selection: selection, currentDirectory: currentDirectory) {
                let folder = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[..<$0] } ?? ""
                let root: String
                if let known = ownerOfFolder[folder] {
                    root = known
                } else {
                    root = layout.owner(ofPath: project.absolutePath(of: path), ceiling: project.root.path)
                    ownerOfFolder[folder] = root
                }
                byRoot[root, default: OrderedPaths()].insert(root == project.root.path ? path : Project.relative(project.absolutePath(of: path), to: root))
            }
        }
        guard !byRoot.isEmpty else {
            // A broken prisma-codemod.yaml is the first thing to fix, whether files matched or not.
            _ = try rules(root: Project.locate(for: paths.first ?? ".", currentDirectory: currentDirectory).root)
            throw selection.nothingMatched(paths.isEmpty ? ["."] : paths)
        }
        return try byRoot.keys.sorted().map { root in
            let project = located[root] ?? Project(root: URL(fileURLWithPath: root, isDirectory: true))
            let complete = wholeFolders.contains { root == $0 || root.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
            return try make(project: project, paths: byRoot[root]?.sorted ?? [],
                            centralModule: centralModule, layout: &layout, complete: complete, usesGit: selection.usesGit,
                            cache: cache.map { (cacheName, $0) })
        }
    }

    /// Paths without repeats, in the order found (from git, sorted already).
    private struct OrderedPaths {
        private var paths: [String] = []
        private var seen = Set<String>()

        mutating func insert(_ path: String) {
            if seen.insert(path).inserted { paths.append(path) }
        }

        var sorted: [String] { paths.sortedInBytes() }
    }

    /// Loads the rules (built-in, then the root's `prisma-codemod.yaml`) and the files of the run,
    /// and reads what the project as a whole says (client module, re-exports, client classes)
    /// from all its files, so that naming one file gives the verdict of the whole tree.
    static func make(project: Project, paths: [String], centralModule: String?) throws -> Workspace {
        var layout = ProjectLayout()
        return try make(project: project, paths: paths, centralModule: centralModule, layout: &layout)
    }

    /// `complete`: the run's files are all the project's files, so they are not listed again.
    private static func make(project: Project, paths: [String], centralModule: String?, layout: inout ProjectLayout,
                             complete: Bool = false, usesGit: Bool = true,
                             cache cacheUse: (name: String, settings: CacheSettings)? = nil) throws -> Workspace {
        var configuration = try rules(root: project.root)
        let explicitCentral = try centralModule.map {
            try ClientModuleIndex.modulePath($0, setting: "--central-module", place: nil, project: project)
        } ?? configuration.centralModule.map {
            try ClientModuleIndex.modulePath($0, setting: "client.centralModule", place: configuration.centralModulePlace, project: project)
        }
        let files = Parallel.map(count: paths.count, stage: "listing") { index, _ in
            LoadedFile(path: paths[index], absolutePath: project.absolutePath(of: paths[index]))
        }
        let whole = complete ? files : try projectFiles(project, reusing: files, layout: &layout, usesGit: usesGit)
        var cache = cacheUse.map { ResultCache.load(ResultCache.url(root: project.root, name: $0.name), executable: $0.settings.executable,
                                                    layers: CacheLayer.count) }
        if var opened = cache {
            // A file named in the run that project discovery does not list (say, git-ignored) is identified too.
            let listed = Set(whole.map(\.path))
            identify(whole + files.filter { !listed.contains($0.path) }, in: &opened)
            cache = opened
        }
        let toolVersion = cacheUse?.settings.toolVersion ?? ""

        cache?.use(layer: CacheLayer.subclasses, key: Fingerprint.of("subclasses", toolVersion, configuration.clientClass))
        let clientClass = configuration.clientClass
        let subclasses = layer(CacheLayer.subclasses, of: whole, cache: &cache, stage: "finding client classes") { loaded, _ in
            FileFacts.Subclasses(names: clientSubclasses(in: [loaded], of: clientClass))
        }
        configuration.clientTypes += Set(subclasses.flatMap(\.names)).sorted().filter { !configuration.clientTypes.contains($0) }

        let guarded = !FileManager.default.fileExists(atPath: project.root.appendingPathComponent(RulesLoader.overrideFileName).path)
        cache?.use(layer: CacheLayer.facts, key: Fingerprint.of("facts", toolVersion, configuration, project.resolver, guarded))
        let known = configuration
        let facts = layer(CacheLayer.facts, of: whole, cache: &cache, stage: "reading the project") { loaded, parsers in
            FileFacts(loaded, configuration: known, resolver: project.resolver, guarded: guarded, parsers: parsers)
        }

        let modules = ClientModuleIndex.build(files: whole, facts: facts, configuration: configuration)
        let central = try modules.central(explicit: explicitCentral)
        let importCounts = facts.reduce(into: ModuleResolver.ImportCounts()) { $0.add($1.importCounts) }
        let resolver = project.resolver.knowing(paths: whole.map(\.path), importCounts: importCounts)
        var context = PrismaContext(configuration: configuration, resolver: resolver, centralModulePath: central?.path)
        if let central, !central.exports.isEmpty {
            context.clientExports = central.exports
            context.clientFactoryExports = central.factories
            context.clientConstructions = modules.modules[central.path]?.constructions ?? [:]
        }
        context.reexportingKeys = modules.reexporters(of: context.centralModuleKey, resolver: resolver)
        context.projectClientInstances = modules.clientInstances
        context.schemaModels = schemaModels(root: project.root)
        // Without retry.module, new retries are imported the way the project already imports them.
        if configuration.retryModule == nil,
           let habit = retryImportHabit(paths: whole.map(\.path), facts: facts, helpers: configuration.retryHelpers, resolver: resolver) {
            context.retryHelperName = habit.name
            context.retryModuleKey = habit.moduleKey
        }
        if let moduleKey = context.retryModuleKey {
            context.retryHelperSource = RetryHelperSource.locate(helper: context.retryHelperName, moduleKey: moduleKey,
                                                                 files: whole, resolver: resolver)
        }
        let byPath = Dictionary(zip(whole.map(\.path), facts), uniquingKeysWith: { first, _ in first })
        var open: OpenCache?
        if let cacheUse, let cache { open = OpenCache(command: cacheUse.name, settings: cacheUse.settings, store: cache) }
        return Workspace(project: project, context: context, files: files, facts: byPath, cache: open)
    }

    /// Gives each readable file its cache entry for its bytes now: a file whose stamp the
    /// entry vouches for keeps it unread; any other is read and hashed. Files gone are forgotten.
    private static func identify(_ files: [LoadedFile], in cache: inout ResultCache) {
        let lookup = cache
        let hashes = Parallel.map(count: files.count, stage: "hashing") { index, _ -> (sha256: String, vouched: Bool)? in
            let file = files[index]
            if let entry = lookup.entry(for: file.path), let was = entry.stamp, let now = file.stamp, was.vouches(for: now) {
                return (entry.sha256, true)
            }
            guard case .success(let bytes) = file.content else { return nil }
            return (sha256Hex(bytes), false)
        }
        for (file, hash) in zip(files, hashes) {
            guard let hash, !hash.vouched else { continue }
            cache.identify(file.path, stamp: file.stamp, sha256: hash.sha256)
        }
        cache.keepOnly(Set(zip(files, hashes).compactMap { file, hash in hash.map { _ in file.path } }))
    }

    /// `compute`'s value for each file, taken from the cache's `layer` where it holds one
    /// (and stored there where it did not).
    private static func layer<T: CacheCodable & Sendable>(_ layer: Int, of files: [LoadedFile], cache: inout ResultCache?, stage: String,
                                                          _ compute: (LoadedFile, ParserSet) -> T) -> [T] {
        let lookup = cache
        let found = Parallel.map(count: files.count, stage: stage) { index, parsers -> (value: T, fresh: Bool) in
            if let stored = lookup?.value(T.self, layer: layer, for: files[index].path) { return (stored, false) }
            return (compute(files[index], parsers), true)
        }
        if var store = cache {
            for (file, result) in zip(files, found) where result.fresh && store.entry(for: file.path) != nil {
                store.store(result.value, layer: layer, for: file.path)
            }
            cache = store
        }
        return found.map(\.value)
    }

    /// The projects that hold source files below a path (the path's own, and those nested in it).
    /// `usesGit`: false walks folders as outside git (`--no-git`).
    public static func projects(under path: String, currentDirectory: URL, usesGit: Bool = true) throws -> [Project] {
        var layout = ProjectLayout()
        let project = try Project.locate(for: path, currentDirectory: currentDirectory)
        var roots = Set<String>()
        var selection = FileSelection()
        selection.usesGit = usesGit
        for file in try FileDiscovery.files(in: [path], project: project, selection: selection, currentDirectory: currentDirectory) {
            roots.insert(layout.owner(of: project.url(of: file), ceiling: project.root).path)
        }
        return roots.sorted().map { Project(root: URL(fileURLWithPath: $0, isDirectory: true)) }
    }

    /// Every source file of the project (not of projects nested in it), read once.
    public static func projectFiles(_ project: Project, usesGit: Bool = true) throws -> [LoadedFile] {
        var layout = ProjectLayout()
        return try projectFiles(project, reusing: [], layout: &layout, usesGit: usesGit)
    }

    private static func projectFiles(_ project: Project, reusing loaded: [LoadedFile], layout: inout ProjectLayout,
                                     usesGit: Bool = true) throws -> [LoadedFile] {
        let known = Dictionary(loaded.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var everything = FileSelection()
        everything.usesGit = usesGit
        let all = try FileDiscovery.files(in: [project.root.path], project: project, selection: everything, currentDirectory: project.root)
        let top = project.root.path
        let own = all.filter { layout.owner(ofPath: project.absolutePath(of: $0), ceiling: top) == top }
        return Parallel.map(count: own.count, stage: "listing the rest of the project") { index, _ in
            known[own[index]] ?? LoadedFile(path: own[index], absolutePath: project.absolutePath(of: own[index]))
        }
    }

    /// The configured helper name and module the project's files import most often, from
    /// each file's facts (`paths[i]` is the path of `facts[i]`).
    static func retryImportHabit(paths: [String], facts: [FileFacts], helpers: [String],
                                 resolver: ModuleResolver) -> (name: String, moduleKey: String)? {
        // An import counted once per folder and text: a specifier resolves the same from every
        // file of a folder, and a backend's files import the helper in few ways, so each way is
        // resolved and read once, not once per file.
        struct Use: Hashable {
            var folder: Substring
            var namesText: String
            var specifier: String
        }
        var uses: [Use: (path: String, count: Int)] = [:]
        for (path, fileFacts) in zip(paths, facts) {
            for (namesText, specifier) in fileFacts.helperImports {
                let folder = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[..<$0] } ?? ""
                uses[Use(folder: folder, namesText: namesText, specifier: specifier), default: (path, 0)].count += 1
            }
        }
        var counts: [String: (name: String, moduleKey: String, uses: Int)] = [:]
        for (use, found) in uses {
            guard let key = resolver.resolve(use.specifier, from: found.path) else { continue }
            for name in importedNames(use.namesText) where helpers.contains(name) {
                let id = "\(name)\u{0}\(key)"
                counts[id] = (name, key, (counts[id]?.uses ?? 0) + found.count)
            }
        }
        if let habit = counts.values.max(by: { ($0.uses, $1.name, $1.moduleKey) < ($1.uses, $0.name, $0.moduleKey) }) {
            return (habit.name, habit.moduleKey)
        }
        // Nothing imports a helper (say, every retry was just taken off): the module that defines one.
        for name in helpers {
            if let index = facts.firstIndex(where: { $0.definedHelpers.contains(name) }) { return (name, ModuleResolver.key(paths[index])) }
        }
        return nil
    }

    /// The names an import's braces bring in, as their modules export them (`a as b`: `a`).
    static func importedNames(_ namesText: String) -> [String] {
        namesText.split(separator: ",").compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    /// Whether `definitionPattern(of: name)` can match: an occurrence of `name` right after
    /// (spaces between) `function`, `*`, `const`, `let` or `var`, in a text that says `export`.
    static func mayDefine(_ name: String, in bytes: [UInt8]) -> Bool {
        guard ByteSearch.contains(bytes, "export") else { return false }
        let introducers = ["function", "*", "const", "let", "var"].map { Array($0.utf8) }
        var start = 0
        while let hit = ByteSearch.firstOffset(of: name, in: bytes, from: start) {
            var end = hit
            while end > 0, ByteSearch.isWhiteSpace(bytes[end - 1]) { end -= 1 }
            if introducers.contains(where: { end >= $0.count && bytes[(end - $0.count)..<end].elementsEqual($0) }) { return true }
            start = hit + 1
        }
        return false
    }

    /// A top-level definition of the function `name`, exported.
    static func definitionPattern(of name: String) -> String {
        #"export\s+(?:async\s+)?(?:function\s*\*?\s*|(?:const|let|var)\s+)"# + NSRegularExpression.escapedPattern(for: name) + #"\b"#
    }

    /// `import {names} from 'specifier'` (and `import type {…}`): the text between the braces
    /// and the specifier, read over the bytes. It runs over every file that names a helper,
    /// on every run, where a regular expression would first copy each text to UTF-16.
    static func namedImports(in bytes: [UInt8]) -> [(names: String, specifier: String)] {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        func skipSpaces(_ cursor: inout Int) { while cursor < bytes.count, isSpace(bytes[cursor]) { cursor += 1 } }
        func word(_ text: String, at cursor: Int) -> Bool {
            let word = text.utf8
            return cursor + word.count <= bytes.count && bytes[cursor..<(cursor + word.count)].elementsEqual(word)
        }
        func isQuote(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") }
        var found: [(names: String, specifier: String)] = []
        var offset = 0
        while let start = ByteSearch.firstOffset(of: "import", in: bytes, from: offset) {
            offset = start + 1
            var cursor = start + 6
            skipSpaces(&cursor)
            if word("type", at: cursor), cursor + 4 < bytes.count, isSpace(bytes[cursor + 4]) {
                cursor += 4
                skipSpaces(&cursor)
            }
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "{") else { continue }
            let namesStart = cursor + 1
            guard let close = bytes[namesStart...].firstIndex(of: UInt8(ascii: "}")) else { break }
            cursor = close + 1
            skipSpaces(&cursor)
            guard word("from", at: cursor) else { continue }
            cursor += 4
            skipSpaces(&cursor)
            guard cursor < bytes.count, isQuote(bytes[cursor]) else { continue }
            let specifierStart = cursor + 1
            guard let end = bytes[specifierStart...].firstIndex(where: isQuote), end > specifierStart else { continue }
            found.append((String(decoding: bytes[namesStart..<close], as: UTF8.self),
                          String(decoding: bytes[specifierStart..<end], as: UTF8.self)))
            offset = end + 1
        }
        return found
    }

    /// `class PrismaService extends PrismaClient`: its values are clients too (NestJS).
    public static func clientSubclasses(in files: [LoadedFile], of clientClass: String) -> [String] {
        guard let pattern = try? NSRegularExpression(pattern: "class\\s+([A-Za-z_$][\\w$]*)\\s+extends\\s+\(clientClass)\\b") else { return [] }
        var names: [String] = []
        for file in files {
            guard case .success(let bytes) = file.content else { continue }
            guard ByteSearch.contains(bytes, "extends \(clientClass)") else { continue }
            let text = String(decoding: bytes, as: UTF8.self)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text), !names.contains(String(text[range])) {
                    names.append(String(text[range]))
                }
            }
        }
        return names.sorted()
    }

    /// The model delegates (`user` for `model User {`) of the Prisma schema where Prisma puts it:
    /// `schema.prisma`, `prisma/schema.prisma`, or the files of a `prisma/schema/` folder.
    public static func schemaModels(root: URL) -> Set<String> {
        let manager = FileManager.default
        var schemas = ["schema.prisma", "prisma/schema.prisma"].map { root.appendingPathComponent($0) }
        let folder = root.appendingPathComponent("prisma/schema")
        schemas += ((try? manager.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []).filter { $0.pathExtension == "prisma" }
        guard let pattern = try? NSRegularExpression(pattern: #"^\s*model\s+([A-Za-z_]\w*)\s*\{"#, options: .anchorsMatchLines) else { return [] }
        var models = Set<String>()
        for schema in schemas {
            guard let text = try? String(contentsOf: schema, encoding: .utf8) else { continue }
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let range = Range(match.range(at: 1), in: text), let first = text[range].first else { continue }
                models.insert(first.lowercased() + text[range].dropFirst())
            }
        }
        return models
    }

    /// The rules for a project root, a malformed file or an unknown check id being a configuration error.
    public static func rules(root: URL) throws -> PrismaConfiguration {
        var configuration: PrismaConfiguration
        do {
            configuration = try RulesLoader.load(root: root)
        } catch let error as RulesError {
            throw CodemodError.configuration(error.reason, file: error.file, line: error.line)
        }
        try CheckRegistry.validate(configuration)
        if configuration.planSource == .sampleDefault {
            configuration.phases = Phases.generic(from: configuration.phases, configuration: configuration)
        }
        return configuration
    }

    /// Parses each readable file and hands it to `body`, on all cores, in file order. A file
    /// `PrismaPrefilter` shows cannot concern Prisma is neither parsed nor analysed: `skipped`
    /// gives its result. Nothing in it could be a finding, an edit or an inventory line, so
    /// whether it parses is for the compiler to say (most of a backend's bytes are such files).
    public func map<T>(skipped: (LoadedFile) -> T, _ body: (LoadedFile, Result<ParsedFile, CodemodError>) -> T) -> [T] {
        map(indices: Array(files.indices), skipped: skipped, body)
    }

    /// `map` with the results cache the workspace was opened with (opened here if it was
    /// not): a file identified with a stored result is neither read, parsed nor analysed
    /// (`restore` turns the stored value back into a result). `keep` gives what to store of a
    /// fresh result, nil for one that must be computed again next time (a file that does not
    /// parse or cannot be read is reported as it is then).
    public func map<T, Stored: CacheCodable & Sendable>(cache settings: CacheSettings, command: String, keep: (T) -> Stored?,
                                                        restore: (LoadedFile, Stored) -> T, skipped: (LoadedFile) -> T,
                                                        _ body: (LoadedFile, Result<ParsedFile, CodemodError>) -> T) -> [T] {
        var open = openCache(command, settings: settings)
        let lookup = open.store
        let found = Parallel.map(count: files.count, stage: "reading the cache") { index, _ -> Stored? in
            lookup.value(Stored.self, layer: CacheLayer.result, for: files[index].path)
        }
        let missing = files.indices.filter { found[$0] == nil }
        var fresh = map(indices: missing, skipped: skipped, body).makeIterator()
        var results: [T] = []
        results.reserveCapacity(files.count)
        for index in files.indices {
            if let stored = found[index] {
                results.append(restore(files[index], stored))
            } else if let result = fresh.next() {
                if let kept = keep(result) { open.store.store(kept, layer: CacheLayer.result, for: files[index].path) }
                results.append(result)
            }
        }
        save(open)
        return results
    }

    private func map<T>(indices: [Int], skipped: (LoadedFile) -> T, _ body: (LoadedFile, Result<ParsedFile, CodemodError>) -> T) -> [T] {
        let prefilter = PrismaPrefilter(context: context)
        return Parallel.map(count: indices.count, stage: "analysing") { position, parsers in
            let loaded = files[indices[position]]
            switch loaded.content {
            case .failure(let error):
                return body(loaded, .failure(error))
            case .success(let bytes):
                if !prefilter.mayConcernPrisma(bytes, path: loaded.path) { return skipped(loaded) }
                func parse(selecting: Bool) -> Result<ParsedFile, CodemodError> {
                    Result { () throws(CodemodError) in
                        try ParsedFile.clean(path: loaded.path, bytes: bytes, parsers: parsers, statementsWhere: selecting ? {
                            prefilter.statementsToParse($0, of: bytes, path: loaded.path)
                        } : nil)
                    }
                }
                // Only the top-level statements with Prisma text, unless the analysis then relies on a left-out one.
                let parsed = parse(selecting: parsesOnlyPrismaStatements)
                let result = body(loaded, parsed)
                guard case .success(let file) = parsed, let omitted = file.omitted, !omitted.analysisHolds else { return result }
                return body(loaded, parse(selecting: false))
            }
        }
    }
}

import CodemodCore
import Foundation
import PrismaRules

/// What one file adds to its project's context, kept in the results cache so that a warm run
/// builds the context without reading the files that did not change: the classes it derives
/// from the client class, whether it exports a client (those few files are read and parsed
/// again each run, for how), its `new PrismaClient()` count, its imports of retry helpers,
/// the helpers it defines, its import style, and the calls the recognition guard looks for.
struct FileFacts: Sendable, CacheCodable {
    /// `class PrismaService extends PrismaClient` (a cache layer of its own: the rest of the
    /// facts depend on the client types these add).
    struct Subclasses: Sendable, CacheCodable {
        var names: [String]

        func write(to writer: inout CacheWriter) { writer.strings(names) }
        init(names: [String]) { self.names = names }
        init(from reader: inout CacheReader) throws(CacheReader.Damaged) { names = try reader.strings() }
    }

    struct HelperUse: Sendable, CacheCodable {
        var name: String
        var moduleKey: String?
        var line: Int

        init(name: String, moduleKey: String?, line: Int) {
            self.name = name
            self.moduleKey = moduleKey
            self.line = line
        }

        func write(to writer: inout CacheWriter) {
            writer.string(name)
            writer.optional(moduleKey) { $0.string($1) }
            writer.int(line)
        }

        init(from reader: inout CacheReader) throws(CacheReader.Damaged) {
            name = try reader.string()
            moduleKey = try reader.optional { reader throws(CacheReader.Damaged) in try reader.string() }
            line = try reader.int()
        }
    }

    var exportsClient = false
    var clientInstances = 0
    /// `import { names } from 'specifier'` naming a retry helper.
    var helperImports: [(names: String, specifier: String)] = []
    /// The retry helpers it defines at the top level (`export const executeWithRetry = …`).
    var definedHelpers: [String] = []
    var importCounts = ModuleResolver.ImportCounts()
    /// Calls of helpers the rules do not know around Prisma calls (nil: not looked for, the
    /// project having its own rules).
    var helperUses: [HelperUse]?

    init() {}

    /// The facts of `loaded` (none for a file that cannot be read: it is reported as it is).
    /// `guarded`: look for unknown helpers too (`Recognition`).
    init(_ loaded: LoadedFile, configuration: PrismaConfiguration, resolver: ModuleResolver, guarded: Bool, parsers: ParserSet) {
        guard case .success(let bytes) = loaded.content else { return }
        var parsed: ParsedFile??
        func parse() -> ParsedFile? {
            if let parsed { return parsed }
            let file = try? ParsedFile.clean(path: loaded.path, bytes: bytes, parsers: parsers)
            parsed = .some(file)
            return file
        }
        if ClientModules.mayConcernClient(bytes, configuration: configuration), let file = parse() {
            // A test's own client counts as an instance, never as the project's client module.
            exportsClient = !ClientModules.isTestFile(loaded.path) && !ClientModules.exports(of: file, configuration: configuration).isEmpty
            clientInstances = ClientModules.instanceCount(in: file, configuration: configuration)
        }
        let helpers = configuration.retryHelpers
        let namedHelpers = helpers.filter { ByteSearch.contains(bytes, $0) }
        if !namedHelpers.isEmpty {
            helperImports = Workspace.namedImports(in: bytes).filter { namesText, _ in
                Workspace.importedNames(namesText).contains(where: helpers.contains)
            }
            // The pattern only where a definition can be (most files only import and call the helper).
            let defining = namedHelpers.filter { Workspace.mayDefine($0, in: bytes) }
            if !defining.isEmpty {
                let text = String(decoding: bytes, as: UTF8.self)
                definedHelpers = defining.filter { text.range(of: Workspace.definitionPattern(of: $0), options: .regularExpression) != nil }
            }
        }
        if !resolver.aliases.isEmpty { importCounts = resolver.importCounts(in: bytes) }
        if guarded {
            helperUses = []
            if HelperUses.mayHold(bytes, known: Set(helpers)), let file = parse() {
                helperUses = HelperUses.find(in: file, resolver: resolver, configuration: configuration).map { use in
                    HelperUse(name: use.name, moduleKey: use.moduleKey, line: use.at.line)
                }
            }
        }
    }

    func write(to writer: inout CacheWriter) {
        writer.bool(exportsClient)
        writer.int(clientInstances)
        writer.array(helperImports) { writer, named in
            writer.string(named.names)
            writer.string(named.specifier)
        }
        writer.strings(definedHelpers)
        writer.int(importCounts.relative)
        writer.int(importCounts.aliased)
        writer.optional(helperUses) { $0.values($1) }
    }

    init(from reader: inout CacheReader) throws(CacheReader.Damaged) {
        exportsClient = try reader.bool()
        clientInstances = try reader.int()
        helperImports = try reader.array { reader throws(CacheReader.Damaged) in (try reader.string(), try reader.string()) }
        definedHelpers = try reader.strings()
        importCounts = ModuleResolver.ImportCounts(relative: try reader.int(), aliased: try reader.int())
        helperUses = try reader.optional { reader throws(CacheReader.Damaged) in try reader.values(HelperUse.self) }
    }
}

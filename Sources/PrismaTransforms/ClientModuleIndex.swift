import CodemodCore
import Foundation
import PrismaRules

/// The modules of a project that export or re-export a Prisma client, read by syntax tree:
/// where the central client lives, under which names, and which modules pass it on.
struct ClientModuleIndex {
    /// Root-relative path → what it exports of Prisma; only modules that export or re-export something.
    var modules: [String: ClientModuleExports]

    /// `new PrismaClient(…)` sites in the project: what the multiple-instances check counts,
    /// whichever files a run names.
    var clientInstances = 0

    /// Reads the project's files (those that may export a client are parsed).
    static func build(files: [LoadedFile], configuration: PrismaConfiguration) -> ClientModuleIndex {
        let found = read(files, configuration: configuration)
        var index = ClientModuleIndex(modules: [:])
        for (path, exports, instances) in found {
            if !exports.isEmpty { index.modules[path] = exports }
            index.clientInstances += instances
        }
        return index
    }

    /// The index from each file's facts: only the files that export a client are read and parsed, for how.
    static func build(files: [LoadedFile], facts: [FileFacts], configuration: PrismaConfiguration) -> ClientModuleIndex {
        let exporting = files.indices.filter { facts[$0].exportsClient }.map { files[$0] }
        var index = ClientModuleIndex(modules: [:])
        for (path, exports, _) in read(exporting, configuration: configuration) where !exports.isEmpty { index.modules[path] = exports }
        index.clientInstances = facts.reduce(0) { $0 + $1.clientInstances }
        return index
    }

    private static func read(_ files: [LoadedFile], configuration: PrismaConfiguration) -> [(String, ClientModuleExports, Int)] {
        let found = Parallel.map(count: files.count, stage: "finding client modules") { index, parsers -> (String, ClientModuleExports, Int)? in
            let loaded = files[index]
            guard case .success(let bytes) = loaded.content, ClientModules.mayConcernClient(bytes, configuration: configuration),
                  let file = try? ParsedFile.clean(path: loaded.path, bytes: bytes, parsers: parsers) else { return nil }
            // A test's own client counts as an instance, never as the project's client module.
            let exports = ClientModules.isTestFile(loaded.path) ? ClientModuleExports() : ClientModules.exports(of: file, configuration: configuration)
            return (loaded.path, exports, ClientModules.instanceCount(in: file, configuration: configuration))
        }
        return found.compactMap { $0 }
    }

    /// The central client module: the one given (by flag or configuration), else the one
    /// module that exports a client. Several are an error that lists them and says how to choose.
    func central(explicit: String?) throws -> (path: String, exports: Set<String>, factories: Set<String>)? {
        if let explicit {
            return (explicit, modules[explicit]?.clientExports ?? [], modules[explicit]?.factoryExports ?? [])
        }
        let candidates = modules.filter { !$0.value.clientExports.isEmpty }.keys.sorted()
        guard let first = candidates.first else { return nil }
        guard candidates.count == 1 else {
            let shown = candidates.prefix(5).joined(separator: ", ") + (candidates.count > 5 ? " and \(candidates.count - 5) more" : "")
            throw CodemodError.selection("several modules export a Prisma client (\(shown)); choose one with --central-module PATH "
                                         + "or client.centralModule in \(RulesLoader.overrideFileName)")
        }
        return (first, modules[first]?.clientExports ?? [], modules[first]?.factoryExports ?? [])
    }

    /// A module path the user set (`setting` names where: `--central-module`, or the rules key
    /// with `place`), as a root-relative path: it must name a file of the project; `./` and
    /// `a/../b` are read as paths are, and an absolute path inside the project is taken too.
    static func modulePath(_ path: String, setting: String, place: SettingPlace?, project: Project) throws -> String {
        func refuse(_ reason: String) -> CodemodError {
            .configuration("\(setting): \(path) \(reason)", file: place?.file, line: place?.line)
        }
        let url = Project.resolve(path, against: project.root)
        let root = project.root.standardizedFileURL.path
        guard url.path.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            throw refuse("is outside the project \(project.root.path); name a module file below it")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw refuse("does not exist in the project \(project.root.path)")
        }
        let relative = project.relativePath(of: url)
        guard !isDirectory.boolValue else { throw refuse("is a folder; name the module file (say \(relative)/index.ts)") }
        return relative
    }

    /// Module keys that pass the central module on (`export * from './prisma'` in an index
    /// file), through chains of such modules.
    func reexporters(of centralKey: String?, resolver: ModuleResolver) -> Set<String> {
        guard let centralKey else { return [] }
        var passing: Set<String> = [centralKey]
        var changed = true
        while changed {
            changed = false
            for (path, exports) in modules {
                let key = ModuleResolver.key(path)
                guard !passing.contains(key) else { continue }
                if exports.reexports.contains(where: { resolver.resolve($0.specifier, from: path).map(passing.contains) == true }) {
                    passing.insert(key)
                    changed = true
                }
            }
        }
        passing.remove(centralKey)
        return passing
    }
}

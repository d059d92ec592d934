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
    func central(explicit: String?, project: Project) throws -> (path: String, exports: Set<String>, factories: Set<String>)? {
        if let explicit {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: project.url(of: explicit).path, isDirectory: &isDirectory) else {
                throw CodemodError.configuration("client.centralModule: \(explicit) does not exist below \(project.root.path)")
            }
            guard !isDirectory.boolValue else {
                throw CodemodError.configuration("client.centralModule: \(explicit) is a folder; name the module file (say \(explicit)/index.ts)")
            }
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

import CodemodCore
import Foundation
import PrismaRules
import SyntaxTree

/// A source file as loaded for a run: its bytes, or why it could not be read.
public struct LoadedFile: Sendable {
    public var path: String
    public var content: Result<[UInt8], CodemodError>
}

/// The files of one run, each read once, with the project, rules and central module.
public struct Workspace: Sendable {
    public let project: Project
    public let context: PrismaContext
    public let files: [LoadedFile]

    public var configuration: PrismaConfiguration { context.configuration }

    /// Loads the rules (built-in, then the root's `prisma-codemod.yaml`), lists and
    /// reads the files, and finds the central client module.
    public static func open(paths: [String], selection: FileSelection = FileSelection(),
                            currentDirectory: URL, centralModule: String? = nil) throws -> Workspace {
        let arguments = paths.isEmpty ? ["."] : paths
        let project = try Project.locate(for: arguments[0], currentDirectory: currentDirectory)
        var configuration = try rules(root: project.root)
        let paths = try FileDiscovery.files(in: arguments, project: project, selection: selection,
                                            currentDirectory: currentDirectory)
        let files = Parallel.map(count: paths.count) { index, _ in
            LoadedFile(path: paths[index], content: SourceLoader.load(project.url(of: paths[index]), displayPath: paths[index]))
        }
        configuration.clientTypes += clientSubclasses(in: files, of: configuration.clientClass)
            .filter { !configuration.clientTypes.contains($0) }
        let modules = ClientModuleIndex.build(files: files, project: project, configuration: configuration)
        let central = try modules.central(explicit: centralModule ?? configuration.centralModule, project: project)
        var context = PrismaContext(configuration: configuration, resolver: project.resolver, centralModulePath: central?.path)
        if let central, !central.exports.isEmpty { context.clientExports = central.exports }
        context.reexportingKeys = modules.reexporters(of: context.centralModuleKey, resolver: project.resolver)
        return Workspace(project: project, context: context, files: files)
    }

    /// Every source file of the project, read once.
    public static func projectFiles(_ project: Project) throws -> [LoadedFile] {
        let paths = try FileDiscovery.files(in: [project.root.path], project: project, selection: FileSelection(), currentDirectory: project.root)
        return Parallel.map(count: paths.count) { index, _ in
            LoadedFile(path: paths[index], content: SourceLoader.load(project.url(of: paths[index]), displayPath: paths[index]))
        }
    }

    /// `class PrismaService extends PrismaClient`: its values are clients too (NestJS).
    static func clientSubclasses(in files: [LoadedFile], of clientClass: String) -> [String] {
        guard let pattern = try? NSRegularExpression(pattern: "class\\s+([A-Za-z_$][\\w$]*)\\s+extends\\s+\(clientClass)\\b") else { return [] }
        var names: [String] = []
        for file in files {
            guard case .success(let bytes) = file.content else { continue }
            let text = String(decoding: bytes, as: UTF8.self)
            guard text.contains("extends \(clientClass)") else { continue }
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text), !names.contains(String(text[range])) {
                    names.append(String(text[range]))
                }
            }
        }
        return names.sorted()
    }

    /// The rules for a project root, a malformed file or an unknown check id being a configuration error.
    public static func rules(root: URL) throws -> PrismaConfiguration {
        let configuration: PrismaConfiguration
        do {
            configuration = try RulesLoader.load(root: root)
        } catch let error as RulesError {
            throw CodemodError.configuration(error.reason, file: error.file, line: error.line)
        }
        try CheckRegistry.validate(configuration)
        return configuration
    }

    /// Parses each readable file and hands it to `body`, on all cores, in file order.
    public func map<T>(_ body: (LoadedFile, Result<ParsedFile, CodemodError>) -> T) -> [T] {
        Parallel.map(count: files.count) { index, parsers in
            let loaded = files[index]
            switch loaded.content {
            case .failure(let error):
                return body(loaded, .failure(error))
            case .success(let bytes):
                let parsed: Result<ParsedFile, CodemodError>
                do throws(CodemodError) {
                    parsed = .success(try ParsedFile.clean(path: loaded.path, bytes: bytes, parsers: parsers))
                } catch {
                    parsed = .failure(error)
                }
                return body(loaded, parsed)
            }
        }
    }
}

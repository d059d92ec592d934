import ArgumentParser
import CodemodCore
import Foundation
import PrismaRules
import PrismaTransforms

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Find the project's Prisma client module and retry helpers, show the evidence, and write prisma-codemod.yaml.",
        discussion: HelpExamples.initialize)

    @Argument(help: ArgumentHelp("The project (default: the current folder).", valueName: "folder"), completion: .directory)
    var folder: String?

    private var path: String { folder ?? "." }

    @Flag(help: "Overwrite an existing prisma-codemod.yaml.")
    var force = false

    @Flag(help: "Print the configuration instead of writing it.")
    var dryRun = false

    @Option(help: ArgumentHelp("Root-relative path of the client module, when several export a client.", valueName: "path"), completion: .file())
    var centralModule: String?

    @Flag(name: .customLong("no-git"), help: "Walk folders as outside git, ignoring .gitignore: for a work tree where git cannot run.")
    var noGit = false

    @OptionGroup var runOptions: RunOptions

    func run() throws {
        do {
            let own = try Project.locate(for: path, currentDirectory: Output.currentDirectory)
            // At a monorepo root that is no Prisma project itself: each Prisma project below it.
            var projects = [own]
            if !ProjectSurvey.dependsOnPrisma(own.root) {
                let nested = try Workspace.projects(under: path, currentDirectory: Output.currentDirectory, usesGit: !noGit)
                    .filter { ProjectSurvey.dependsOnPrisma($0.root) }
                if !nested.isEmpty { projects = nested }
            }
            if projects.count > 1, centralModule != nil {
                throw CodemodError.selection("--central-module names a module of one project; run init on that project")
            }
            var failures: [CodemodError] = []
            for project in projects {
                do {
                    try initialize(project)
                } catch let error as CodemodError where projects.count > 1 {
                    Output.err("error: \(error.message)")
                    failures.append(error)
                }
            }
            if !failures.isEmpty { throw Exit.usageOrFailure }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw Exit.fail(error)
        }
    }

    private func initialize(_ project: Project) throws {
        let target = project.root.appendingPathComponent(RulesLoader.overrideFileName)
        let shownTarget = project.repositoryPath(of: RulesLoader.overrideFileName)
        if !dryRun, !force, FileManager.default.fileExists(atPath: target.path) {
            throw CodemodError.configuration("\(shownTarget) exists; pass --force to replace it, or --dry-run to see what init finds")
        }
        let (files, found) = try runOptions.around("init") {
            let files = try Workspace.projectFiles(project, usesGit: !noGit)
            return (files, files.isEmpty ? nil : ProjectSurvey.make(files: files, project: project, configuration: try RulesLoader.load(root: nil)))
        }
        let shown = project.repositoryPath
        guard var survey = found else { throw FileSelection().nothingMatched([project.displayPath]) }
        Output.err("\(files.count) file(s) in 1 project\(project.displayPath == "." ? "" : " (\(project.displayPath))")"
                   + (survey.dependsOnPrisma ? ", which depends on Prisma" : ""))
        for module in survey.clientModules {
            Output.err("client module: \(shown(module.path)):\(module.line) exports the client as \(module.exports.joined(separator: ", "))")
        }
        for helper in survey.helpers {
            Output.err("retry helper: \(helper.name) from \(helper.modulePath.map(shown) ?? "a package"), "
                       + "\(helper.uses) call(s) around Prisma calls, first at \(shown(helper.firstUse.path)):\(helper.firstUse.line)")
        }
        if let centralModule {
            guard let chosen = survey.clientModules.first(where: { $0.path == centralModule }) else {
                throw CodemodError.selection("--central-module \(centralModule): no module there exports a Prisma client")
            }
            survey.clientModules = [chosen]
        }
        for name in survey.clientClasses {
            Output.err("client class: \(name) extends the client class (its instances come from dependency injection)")
        }
        guard !survey.clientModules.isEmpty || !survey.clientClasses.isEmpty else {
            throw CodemodError.selection("no module of \(project.displayPath) exports a Prisma client (new PrismaClient, a singleton, "
                                         + "$extends or a factory); set client.centralModule in \(shownTarget) by hand")
        }
        guard survey.clientModules.count <= 1 else {
            let paths = survey.clientModules.map(\.path)
            let list = paths.prefix(5).joined(separator: ", ") + (paths.count > 5 ? " and \(paths.count - 5) more" : "")
            throw CodemodError.selection("several modules of \(project.displayPath) export a Prisma client (\(list)); pick one with --central-module PATH")
        }
        let text = survey.configurationText()
        if dryRun {
            Output.out(text)
            return
        }
        try AtomicWriter.write(Array(text.utf8), to: target, displayPath: shownTarget)
        Output.err("wrote \(shownTarget)")
    }
}

import ArgumentParser
import CodemodCore
import Foundation
import PrismaTransforms

/// What `diff` and `apply` share: which transform, on which files, with which scope.
struct TransformArguments: ParsableArguments {
    @Argument(help: ArgumentHelp("The transform to run (see `prisma-codemod list`).", valueName: "transform"))
    var transform: String

    @OptionGroup var selection: SelectionOptions

    @Flag(help: "Rewrite shapes that are otherwise reported and left (clients with options, in functions, exported).")
    var force = false

    @Flag(help: "Unwrap even where retry arguments or type arguments would be lost.")
    var allowLossy = false

    @Option(help: "Only calls of this model.method, e.g. notification.create (repeatable).")
    var only: [String] = []

    @Option(help: "Only files matching this glob (repeatable).")
    var onlyFiles: [String] = []

    @Option(help: ArgumentHelp("Exactly the call site at PATH:LINE (repeatable).", valueName: "path:line"))
    var at: [String] = []

    func validate() throws {
        guard TransformRegistry.entry(transform) != nil else {
            throw ValidationError("unknown transform '\(transform)'; known: \(TransformRegistry.all.map(\.id).joined(separator: ", "))")
        }
        for address in at where SiteAddress(address) == nil {
            throw ValidationError("--at takes PATH:LINE, got '\(address)'")
        }
        for filter in only where filter.split(separator: ".").count != 2 {
            throw ValidationError("--only takes model.method, got '\(filter)'")
        }
    }

    var entry: TransformRegistry.Entry {
        // validate() has checked the id.
        TransformRegistry.entry(transform) ?? TransformRegistry.all[0]
    }

    /// Opens the workspace and runs the transform in memory.
    func run() throws -> (Workspace, TransformRun) {
        var fileSelection = selection.selection
        fileSelection.includes += onlyFiles.map(Glob.init)
        let workspace = try Workspace.open(paths: selection.paths, selection: fileSelection,
                                           currentDirectory: Output.currentDirectory, centralModule: selection.centralModule)
        let addresses = at.compactMap(SiteAddress.init).map { address in
            SiteAddress(path: rootRelative(address.path, project: workspace.project), line: address.line)
        }
        let options = TransformOptions(force: force, allowLossy: allowLossy, only: only, at: addresses)
        return (workspace, TransformRun.run(entry, workspace: workspace, options: options))
    }

    /// `--at` paths may be given from the current folder or from the project root.
    private func rootRelative(_ path: String, project: Project) -> String {
        let fromCurrent = Project.resolve(path, against: Output.currentDirectory)
        if FileManager.default.fileExists(atPath: fromCurrent.path), fromCurrent.path.hasPrefix(project.root.path + "/") {
            return project.relativePath(of: fromCurrent)
        }
        return path
    }
}

/// The run summary on stderr, the same for `diff` and `apply`.
enum RunSummary {
    static func print(_ run: TransformRun, verb: String) {
        let changed = run.changed.count
        Output.err("\(run.transformID): \(changed) file(s) \(verb) (\(run.siteCount) site(s)), \(run.unchanged.count) unchanged, "
                   + "\(run.skippedFiles.count) skipped, \(run.failed.count) failed")
        for outcome in run.skippedFiles {
            Output.err("skipped \(outcome.path): \(outcome.skipReason ?? "")")
        }
        for (path, note) in run.skippedSites {
            Output.err("left \(path):\(note.position.description): \(note.message)")
        }
        for outcome in run.outcomes {
            for note in outcome.notes { Output.err("note \(outcome.path):\(note.position.description): \(note.message)") }
        }
        for outcome in run.failed {
            Output.err("error: \(outcome.error?.message ?? outcome.path)")
        }
    }
}

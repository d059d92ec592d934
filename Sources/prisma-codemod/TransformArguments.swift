import ArgumentParser
import CodemodCore
import Foundation
import PrismaRules
import PrismaTransforms

/// What `diff` and `apply` share: which transform (or phase), on which files, with which scope.
struct TransformArguments: ParsableArguments {
    @Argument(help: ArgumentHelp("The transform to run (see `prisma-codemod list`), unless --phase is given.", valueName: "transform"))
    var transform: String?

    @OptionGroup var selection: SelectionOptions

    @Option(help: "Run this phase of the plan (Rules/phases.yaml) instead of a named transform.")
    var phase: Int?

    @Flag(help: "Rewrite shapes that are otherwise reported and left (clients with options, in functions, exported).")
    var force = false

    @Flag(help: "Unwrap even where retry arguments, comments or un-awaited timing would be lost.")
    var allowLossy = false

    @Option(help: "Only calls of this model.method, e.g. notification.create (repeatable).")
    var only: [String] = []

    @Option(help: "Only files matching this glob (repeatable).")
    var onlyFiles: [String] = []

    @Option(help: ArgumentHelp("Exactly the call site at PATH:LINE (repeatable); for the client transforms, that file.", valueName: "path:line"))
    var at: [String] = []

    func validate() throws {
        for address in at where SiteAddress(address) == nil {
            throw ValidationError("--at takes PATH:LINE, got '\(address)'")
        }
        for filter in only where filter.split(separator: ".").count != 2 {
            throw ValidationError("--only takes model.method, got '\(filter)'")
        }
    }

    /// diff and apply need a known transform or a phase (apply --plan needs neither).
    func validateTransformOrPhase() throws {
        if phase == nil {
            guard let transform else { throw ValidationError("name a transform or pass --phase N") }
            guard TransformRegistry.entry(transform) != nil else {
                throw ValidationError("unknown transform '\(transform)'; known: \(TransformRegistry.all.map(\.id).joined(separator: ", "))")
            }
        } else if let transform, TransformRegistry.entry(transform) != nil {
            throw ValidationError("give a transform or --phase, not both")
        }
    }

    /// With --phase (or apply --plan) the first positional argument is a path, not a transform.
    var paths: [String] {
        if let transform, phase != nil || TransformRegistry.entry(transform) == nil { return [transform] + selection.paths }
        return selection.paths
    }

    /// Opens the workspace and runs the transform (or the phase's) in memory.
    func run() throws -> Prepared {
        let workspace = try Workspace.open(paths: paths, selection: selection.selection,
                                           currentDirectory: Output.currentDirectory, centralModule: selection.centralModule)
        try Recognition.verify(workspace)
        var phaseRule: Phase?
        let entry: TransformRegistry.Entry
        var filters = only
        if let phase {
            let rule = try Phases.phase(phase, in: workspace.configuration)
            entry = try Phases.transform(of: rule)
            filters += rule.only
            phaseRule = rule
        } else if let named = transform.flatMap(TransformRegistry.entry) {
            entry = named
        } else {
            throw CodemodError.selection("name a transform or pass --phase N")
        }
        let addresses = at.compactMap(SiteAddress.init).map { address in
            SiteAddress(path: rootRelative(address.path, project: workspace.project), line: address.line)
        }
        let options = TransformOptions(force: force, allowLossy: allowLossy)
        let siteSelection = Selection(at: addresses, only: filters, files: onlyFiles.map(Glob.init))
        let run = Progress.around(count: workspace.files.count, verb: entry.id) {
            TransformRun.run(entry, workspace: workspace, options: options, selection: siteSelection)
        }
        // A selector the user typed that names nothing is a typo, not a successful no-op; the
        // phase's own `only` may name calls a tree does not have.
        let typed = Set(addresses.map(Selector.at) + only.map(Selector.only))
        let unmatched = run.unmatchedSelectors.filter(typed.contains)
        if !unmatched.isEmpty {
            throw CodemodError.selection("no \(entry.granularity == .file ? "file with a Prisma client" : "Prisma call") matches "
                                         + "\(unmatched.map(\.description).joined(separator: ", ")); nothing was written")
        }
        let done = run.doneSelectors.filter(typed.contains)
        if !done.isEmpty, run.changed.isEmpty, run.pendingSelectors.isEmpty {
            Output.err("nothing to change: \(done.map(\.description).sorted().joined(separator: ", ")) already as \(entry.id) leaves it")
        }
        return Prepared(workspace: workspace, run: run, phase: phaseRule, only: filters)
    }

    struct Prepared {
        var workspace: Workspace
        var run: TransformRun
        var phase: Phase?
        var only: [String]
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

/// A line on a terminal while a long run works; nothing when stderr is not a terminal.
enum Progress {
    static func around<T>(count: Int, verb: String, _ work: () -> T) -> T {
        let show = Output.stderrIsTerminal && count >= 500
        if show { Output.errRaw("\(verb): \(count) files…") }
        let result = work()
        if show { Output.errRaw("\r\u{1B}[K") }
        return result
    }
}

/// The run summary on stderr, the same for `diff`, `apply`, `revert` and `plan`; paths as
/// the user sees them (relative to the git work tree).
enum RunSummary {
    /// `applied`: the files actually written when that is fewer than the run changed (interactive apply).
    static func print(_ run: TransformRun, verb: String, project: Project, applied: [FileOutcome]? = nil) {
        var changed = "\(run.changed.count) file(s) \(verb) (\(run.siteCount) site(s))"
        if let applied, applied.count != run.changed.count {
            changed = "\(applied.count) of \(run.changed.count) file(s) \(verb) (\(applied.reduce(0) { $0 + $1.sites.count }) site(s))"
        }
        Output.err("\(run.transformID): \(changed), \(run.unchanged.count) unchanged, "
                   + "\(run.skippedFiles.count) skipped, \(run.failed.count) failed")
        details(run, project: project).forEach { Output.err($0) }
    }

    static func details(_ run: TransformRun, project: Project) -> [String] {
        let shown = project.repositoryPath
        var lines: [String] = []
        for outcome in run.skippedFiles { lines.append("skipped \(shown(outcome.path)): \(outcome.skipReason ?? "")") }
        for (path, note) in run.skippedSites { lines.append("left \(shown(path)):\(note.position): \(note.message)") }
        for outcome in run.outcomes {
            for note in outcome.notes { lines.append("note \(shown(outcome.path)):\(note.position): \(note.message)") }
        }
        for outcome in run.failed {
            lines.append("error: \(outcome.error?.displayingPaths(shown).message ?? shown(outcome.path))")
        }
        return lines
    }
}

/// Where the journal lives: `.prisma-codemod/` at the project root unless --journal says otherwise.
struct JournalOption: ParsableArguments {
    @Option(help: "The journal folder (default: .prisma-codemod at the project root).")
    var journal: String?

    func journal(for project: Project) -> Journal {
        Journal(root: project.root, folder: journal.map { Project.resolve($0, against: Output.currentDirectory) })
    }
}

import ArgumentParser
import CodemodCore
import Foundation
import PrismaRules
import PrismaTransforms

/// What `diff` and `apply` share: which transform (or phase), on which files, with which scope.
struct TransformArguments: ParsableArguments {
    @Argument(help: ArgumentHelp("The transform to run (see `prisma-codemod list`), unless --phase is given.", valueName: "transform"),
              completion: Completions.transforms)
    var transform: String?

    @OptionGroup var selection: SelectionOptions

    @OptionGroup var runOptions: RunOptions

    @Option(help: ArgumentHelp("Run this phase of the plan (see `plan`) instead of a named transform.", valueName: "n"),
            completion: Completions.phases)
    var phase: Int?

    @Flag(help: "Rewrite shapes that are otherwise reported and left (clients with options, in functions, exported).")
    var force = false

    @Flag(help: "Unwrap even where retry arguments, comments or un-awaited timing would be lost.")
    var allowLossy = false

    @Option(help: ArgumentHelp("Only calls of this model.method, e.g. notification.create (repeatable).", valueName: "model.method"))
    var only: [String] = []

    @Option(help: ArgumentHelp("Only files matching this glob (repeatable).", valueName: "glob"))
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
                let known = TransformRegistry.all.map(\.id)
                throw ValidationError("unknown transform '\(transform)'\(Suggestion.hint(for: transform, among: known)) "
                                      + "(known: \(known.joined(separator: ", ")))")
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

    /// What the progress line calls the run.
    private var verb: String { phase.map { "phase \($0)" } ?? transform ?? "run" }

    /// Opens the one project the paths lie in and runs the transform (or the phase's) in memory.
    func run() throws -> Prepared {
        let fileGlobs = try onlyFilesGlobs()
        let workspace = try runOptions.around(verb) {
            try Workspace.open(paths: paths, selection: selection.selection(),
                               currentDirectory: Output.currentDirectory, centralModule: selection.centralModule)
        }
        Output.scope(files: workspace.files.count)
        return try run(in: [workspace], fileGlobs: fileGlobs)[0]
    }

    /// Every project the paths reach, each run with its own context (for read-only commands).
    func runAcrossProjects() throws -> [Prepared] {
        let fileGlobs = try onlyFilesGlobs()
        let workspaces = try runOptions.around(verb) {
            try Workspace.openProjects(paths: paths, selection: selection.selection(),
                                       currentDirectory: Output.currentDirectory, centralModule: selection.centralModule)
        }
        Output.scope(files: workspaces.reduce(0) { $0 + $1.files.count }, projects: workspaces.count)
        return try run(in: workspaces, fileGlobs: fileGlobs)
    }

    /// Parsed before any file is read: a malformed glob is a usage error, not a slow empty run.
    private func onlyFilesGlobs() throws(CodemodError) -> [Glob] {
        try onlyFiles.map { pattern throws(CodemodError) in try Glob(pattern, option: "--only-files") }
    }

    private func run(in workspaces: [Workspace], fileGlobs: [Glob]) throws -> [Prepared] {
        var prepared: [Prepared] = []
        // What the user typed, and whether any project found it (to change, or already changed).
        var typedAt = Dictionary(uniqueKeysWithValues: at.map { ($0, false) })
        var typedOnly = Dictionary(uniqueKeysWithValues: only.map { ($0, false) })
        var done: [String] = []
        for workspace in workspaces {
            try runOptions.around(verb) { try Recognition.verify(workspace) }
            let (entry, phaseRule, filters) = try transformEntry(workspace.configuration)
            let addresses = at.compactMap { raw in SiteAddress(raw).map { (raw, $0) } }.compactMap { raw, address -> (String, SiteAddress)? in
                guard let path = rootRelative(address.path, project: workspace.project, strict: workspaces.count > 1) else { return nil }
                return (raw, SiteAddress(path: path, line: address.line))
            }
            let options = TransformOptions(force: force, allowLossy: allowLossy, bareClient: phaseRule?.bareClient ?? false)
            let siteSelection = Selection(at: addresses.map(\.1), only: filters, files: fileGlobs)
            let run = try runOptions.around(entry.id) {
                try TransformRun.run(entry, workspace: workspace, options: options, selection: siteSelection)
            }
            let named = run.pendingSelectors.union(run.doneSelectors)
            for (raw, address) in addresses where named.contains(.at(address)) { typedAt[raw] = true }
            for filter in only where named.contains(.only(filter)) { typedOnly[filter] = true }
            if run.changed.isEmpty, run.pendingSelectors.isEmpty {
                done += run.doneSelectors.filter { selector in
                    addresses.contains { selector == .at($0.1) } || only.contains { selector == .only($0) }
                }.map(\.description)
            }
            prepared.append(Prepared(workspace: workspace, run: run, phase: phaseRule, only: filters))
        }
        // A selector the user typed that names nothing is a typo, not a successful no-op; the
        // phase's own `only` may name calls a tree does not have.
        let noFile = fileGlobs.filter { glob in !workspaces.contains { $0.files.contains { glob.matches($0.path) } } }
        if !noFile.isEmpty {
            throw CodemodError.selection("no file of the run matches \(noFile.map { "--only-files \($0.pattern)" }.joined(separator: ", ")); "
                                         + "nothing was written")
        }
        let unmatched = at.filter { typedAt[$0] != true }.map { "--at \($0)" } + only.filter { typedOnly[$0] != true }.map { "--only \($0)" }
        if !unmatched.isEmpty {
            let granularity = prepared.first.flatMap { TransformRegistry.entry($0.run.transformID) }?.granularity
            throw CodemodError.selection("no \(granularity == .file ? "file with a Prisma client" : "Prisma call") matches "
                                         + "\(unmatched.joined(separator: ", ")); nothing was written")
        }
        if !done.isEmpty, let id = prepared.first?.run.transformID {
            Output.err("nothing to change: \(done.sorted().joined(separator: ", ")) already as \(id) leaves it")
        } else if let phase = prepared.first?.phase, let message = Phases.nothingToChange(phase, runs: prepared.map(\.run)) {
            Output.err(message)
        }
        return prepared
    }

    /// The transform of `--phase N` (with the phase's `only`), or the named one.
    private func transformEntry(_ configuration: PrismaConfiguration) throws -> (TransformRegistry.Entry, Phase?, [String]) {
        if let phase {
            let rule = try Phases.phase(phase, in: configuration)
            return (try Phases.transform(of: rule), rule, only + rule.only)
        }
        guard let named = transform.flatMap(TransformRegistry.entry) else {
            throw CodemodError.selection("name a transform or pass --phase N")
        }
        return (named, nil, only)
    }

    struct Prepared {
        var workspace: Workspace
        var run: TransformRun
        var phase: Phase?
        var only: [String]
    }

    /// `--at` paths may be given from the current folder or from the project root. `strict`
    /// (several projects): nil unless the file lies in this project.
    private func rootRelative(_ path: String, project: Project, strict: Bool) -> String? {
        let fromCurrent = Project.resolve(path, against: Output.currentDirectory)
        if FileManager.default.fileExists(atPath: fromCurrent.path), fromCurrent.path.hasPrefix(project.root.path + "/") {
            return project.relativePath(of: fromCurrent)
        }
        if strict { return FileManager.default.fileExists(atPath: project.url(of: path).path) ? path : nil }
        return path
    }
}

/// The run summary on stderr, the same for `diff`, `apply`, `revert` and `plan`; paths as
/// the user sees them (relative to the git work tree).
enum RunSummary {
    /// `applied`: the files actually written when that is fewer than the run changed (interactive apply).
    /// `named`: say which project (a run over several). `writing`: the command writes files (apply, revert).
    static func print(_ run: TransformRun, verb: String, project: Project, applied: [FileOutcome]? = nil, named: Bool = false,
                      writing: Bool = true) {
        var changed = "\(run.changed.count) file(s) \(verb) (\(run.siteCount) site(s))"
        if let applied, applied.count != run.changed.count {
            changed = "\(applied.count) of \(run.changed.count) file(s) \(verb) (\(applied.reduce(0) { $0 + $1.sites.count }) site(s))"
        }
        Output.err((named ? "\(project.displayPath): " : "") + "\(run.transformID): \(changed), \(run.unchanged.count) unchanged, "
                   + "\(run.skippedFiles.count) skipped, \(run.failed.count) failed")
        details(run, project: project, writing: writing).forEach { Output.err($0) }
    }

    static func details(_ run: TransformRun, project: Project, writing: Bool) -> [String] {
        let shown = project.repositoryPath
        var lines: [String] = []
        for outcome in run.skippedFiles { lines.append("skipped \(shown(outcome.path)): \(outcome.skipReason ?? "")") }
        for (path, note) in run.skippedSites { lines.append("left \(shown(path)):\(note.position): \(note.message)") }
        for outcome in run.outcomes {
            for note in outcome.unfollowed { lines.append("not analysable \(shown(outcome.path)):\(note.position): \(note.message)") }
        }
        for outcome in run.outcomes {
            for note in outcome.notes { lines.append("note \(shown(outcome.path)):\(note.position): \(note.message)") }
        }
        for outcome in run.failed {
            lines.append("error: \(outcome.error?.displayingPaths(shown).message(writing: writing) ?? shown(outcome.path))")
        }
        return lines
    }
}

/// Where the journal lives: `.prisma-codemod/` at the project root unless --journal says otherwise.
struct JournalOption: ParsableArguments {
    @Option(help: ArgumentHelp("The journal folder (default: .prisma-codemod at the project root).", valueName: "folder"), completion: .directory)
    var journal: String?

    func journal(for project: Project) -> Journal {
        Journal(root: project.root, folder: journal.map { Project.resolve($0, against: Output.currentDirectory) })
    }
}

import ArgumentParser
import CodemodCore
import Foundation
import PrismaTransforms

struct ApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Run a transform (or a phase) and write the changed files: journaled, all or nothing.",
        discussion: HelpExamples.apply)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var arguments: TransformArguments
    @OptionGroup var journalOption: JournalOption

    @Flag(name: .shortAndLong, help: "Show each file's diff and ask [y]es/[n]o/[a]ll/[q]uit.")
    var interactive = false

    @Option(help: "How to report the changed sites on stdout: text or json.")
    var format: Format = .text

    @Flag(help: "Make one git commit of exactly the changed files, with the phase's message and trailers.")
    var commit = false

    @Flag(help: "With --commit: go ahead even when a file to change has uncommitted changes.")
    var allowDirty = false

    @Flag(help: "With --commit: skip the repository's pre-commit and commit-msg hooks (git commit --no-verify).")
    var noVerify = false

    @Option(help: ArgumentHelp("Apply exactly this plan (from `diff --save-plan`); nothing is written if any file changed since.",
                               valueName: "path"), completion: .file(extensions: ["json"]))
    var plan: String?

    @Flag(help: "With --phase or --plan: go ahead even when it takes the connection budget over --max-connections.")
    var acceptBudget = false

    @OptionGroup var budgetArguments: BudgetArguments

    func validate() throws {
        if plan == nil {
            try arguments.validateTransformOrPhase()
        } else if arguments.phase != nil || arguments.transform.map({ TransformRegistry.entry($0) != nil }) == true {
            throw ValidationError("--plan applies a saved plan: give no transform or phase with it")
        }
        if allowDirty && !commit { throw ValidationError("--allow-dirty goes with --commit") }
        if acceptBudget && arguments.phase == nil && plan == nil { throw ValidationError("--accept-budget goes with --phase or --plan") }
        if noVerify && !commit { throw ValidationError("--no-verify goes with --commit") }
        if commit && arguments.selection.noGit { throw ValidationError("--commit needs git; it does not go with --no-git") }
    }

    func run() throws {
        do {
            if let plan { return try applyPlan(plan) }
            try applyTransform()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw Exit.fail(error)
        }
    }

    private func applyTransform() throws {
        let prepared = try arguments.run()
        let run = prepared.run
        let project = prepared.workspace.project
        try checkBudget(prepared)
        if commit, !run.failed.isEmpty {
            RunSummary.print(run, verb: "would change", project: project)
            Output.err("error: files failed, so the phase is incomplete; nothing was written or committed")
            throw Exit.usageOrFailure
        }
        let chosen = interactive ? choose(run.changed, project: project) : run.changed
        let writes = Applier.writes(from: chosen)
        let record = JournalRun(kind: .apply, transform: run.transformID, phase: prepared.phase?.id, only: prepared.only,
                                toolVersion: PrismaCodemod.version)
        var request = commit ? Phases.commitRequest(phase: prepared.phase, transform: run.transformID, writes: writes,
                                                    project: project, allowDirty: allowDirty) : nil
        request?.verify = !noVerify
        let (written, commitID, changedByHooks) = try Applier.apply(writes, run: record, journal: journalOption.journal(for: project), commit: request)
        HookChanges.warn(changedByHooks, project: project)
        report(writes, transform: run.transformID, project: project, done: done(written.id, commit: commitID))
        RunSummary.print(run, verb: "changed", project: project, applied: chosen)
        if !chosen.isEmpty { Output.err("journaled as run \(written.id)") }
        if let commitID, let request { Output.err("committed \(commitID.prefix(12)): \(request.subject)") }
        if !run.failed.isEmpty { throw Exit.usageOrFailure }
    }

    /// The safety rail: a phase that adds clients (localize-client) is refused, before anything
    /// is written, when the budget it leaves exceeds max_connections, as `plan` marks it.
    private func checkBudget(_ prepared: TransformArguments.Prepared) throws {
        guard let phase = prepared.phase else { return }
        try refuseOverBudget(adding: Phases.instanceChange(of: prepared.run), in: prepared.workspace, what: "phase \(phase.id)")
    }

    /// The rail itself, for a phase or a saved plan (`what`) that adds `added` clients.
    private func refuseOverBudget(adding added: Int, in workspace: @autoclosure () throws -> Workspace, what: String) throws {
        guard added > 0, !acceptBudget else { return }
        let workspace = try workspace()
        let now = try arguments.runOptions.around("budget") { Inventory.make(workspace, budget: budgetArguments.options).budget }
        let after = Phases.budget(now, changedBy: added)
        guard after.exceeds else { return }
        throw CodemodError.selection("\(what) would take the connection budget to \(after.worstCase), over max_connections "
                                     + "\(after.maxConnections): \(BudgetArguments.describe(after)). Nothing was written. Raise the server's "
                                     + "max_connections and say so with --max-connections, lower the pool (connection_limit), or pass --accept-budget")
    }

    private func applyPlan(_ path: String) throws {
        let project = try Project.locate(for: arguments.paths.first ?? ".", currentDirectory: Output.currentDirectory)
        let saved = try SavedPlan.load(Project.resolve(path, against: Output.currentDirectory), displayPath: path)
        let writes = try saved.writes(root: project.root)
        try refuseOverBudget(adding: Phases.instanceChange(transform: saved.transform, changedFiles: writes.count),
                             in: try Workspace.open(paths: [project.root.path], currentDirectory: Output.currentDirectory),
                             what: "the plan \(path)")
        let record = JournalRun(kind: .apply, transform: saved.transform, phase: saved.phase, only: saved.only,
                                toolVersion: PrismaCodemod.version)
        var request: CommitRequest?
        if commit {
            let phase = try saved.phase.map { try Phases.phase($0, in: Workspace.rules(root: project.root)) }
            request = Phases.commitRequest(phase: phase, transform: saved.transform, writes: writes, project: project, allowDirty: allowDirty)
            request?.verify = !noVerify
        }
        let (written, commitID, changedByHooks) = try Applier.apply(writes, run: record, journal: journalOption.journal(for: project), commit: request)
        HookChanges.warn(changedByHooks, project: project)
        report(writes, transform: saved.transform, project: project, done: done(written.id, commit: commitID))
        Output.err("\(saved.transform): applied the plan \(path): \(writes.count) file(s) changed; journaled as run \(written.id)")
        if let commitID, let request { Output.err("committed \(commitID.prefix(12)): \(request.subject)") }
    }

    /// `done`: what an output error must still say was written.
    private func report(_ writes: [PlannedWrite], transform: String, project: Project, done: String?) {
        switch format {
        case .text: Output.out(AppliedSites.text(writes, project: project), done: done)
        case .json: Output.out(JSONOutput.encode(AppliedSites.report(transform: transform, writes, project: project)), done: done)
        }
    }

    private func done(_ run: String, commit: String?) -> String {
        "files were changed and journaled as run \(run)" + (commit.map { " and committed as \($0.prefix(12))" } ?? "")
    }

    /// Asks per file; stops asking after [a]ll, writes nothing more after [q]uit.
    private func choose(_ outcomes: [FileOutcome], project: Project) -> [FileOutcome] {
        var chosen: [FileOutcome] = []
        var all = false
        for outcome in outcomes {
            if all { chosen.append(outcome); continue }
            let patch = UnifiedDiff.make(path: project.repositoryPath(of: outcome.path), old: outcome.original, new: outcome.updated,
                                         edits: outcome.edits, mode: UnifiedDiff.mode(ofFileAt: project.root.appendingPathComponent(outcome.path)))
            Output.err(Output.colors(STDERR_FILENO, arguments.runOptions.color) ? DiffColor.colorize(patch) : patch)
            Output.errRaw("apply to \(project.repositoryPath(of: outcome.path))? [y]es/[n]o/[a]ll/[q]uit ")
            guard let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() else { break }
            switch answer {
            case "y", "yes": chosen.append(outcome)
            case "a", "all": chosen.append(outcome); all = true
            case "q", "quit": return chosen
            default: continue
            }
        }
        return chosen
    }
}

/// The sites an apply changed, with their places in the new text, so that the
/// inverse can be aimed at exactly them (`--at PATH:LINE`).
enum AppliedSites {
    struct Report: Encodable {
        var transform: String
        var files: [FileSites]
    }

    struct FileSites: Encodable {
        var path: String
        var sites: [SiteEntry]
    }

    struct SiteEntry: Encodable {
        var label: String
        var line: Int
        var column: Int
    }

    static func report(transform: String, _ writes: [PlannedWrite], project: Project) -> Report {
        Report(transform: transform, files: writes.map { write in
            FileSites(path: project.repositoryPath(of: write.path), sites: write.sites.map { SiteEntry(label: $0.label, line: $0.line, column: $0.column) })
        })
    }

    static func text(_ writes: [PlannedWrite], project: Project) -> String {
        writes.flatMap { write in write.sites.map { "\(project.repositoryPath(of: write.path)):\($0.line):\($0.column): \($0.label)\n" } }.joined()
    }
}

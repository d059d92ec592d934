import ArgumentParser
import CodemodCore
import Foundation
import PrismaTransforms

struct RevertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revert",
        abstract: "Undo a phase: its inverse transform at exactly the sites the phase changed, leaving later edits alone.",
        discussion: HelpExamples.revert)

    @Option(help: ArgumentHelp("The phase to revert.", valueName: "n"), completion: Completions.phases)
    var phase: Int

    @Argument(help: ArgumentHelp("The project (default: the current folder).", valueName: "folder"), completion: .directory)
    var folder: String?

    private var path: String { folder ?? "." }

    @Flag(help: "Make one git commit of the revert.")
    var commit = false

    @Flag(help: "With --commit: go ahead even when a file to change has uncommitted changes.")
    var allowDirty = false

    @Flag(help: "With --commit: skip the repository's pre-commit and commit-msg hooks (git commit --no-verify).")
    var noVerify = false

    @OptionGroup var journalOption: JournalOption

    @OptionGroup var runOptions: RunOptions

    func validate() throws {
        if allowDirty && !commit { throw ValidationError("--allow-dirty goes with --commit") }
        if noVerify && !commit { throw ValidationError("--no-verify goes with --commit") }
    }

    func run() throws {
        do {
            let project = try Project.locate(for: path, currentDirectory: Output.currentDirectory)
            let journal = journalOption.journal(for: project)
            if commit { _ = try PhaseCommit.repository(of: project) }  // before any work: not a repository, nothing done
            let plan = try RevertPlan.make(phase: phase, journal: journal, project: project)
            if case .notes(let commit) = plan.source {
                Output.err("no journal of run \(plan.record.run) here: reverting from the git notes of commit \(commit.prefix(12))")
            }
            var run = TransformRun(transformID: plan.inverse.id, outcomes: [])
            if !plan.files.isEmpty {
                // The whole project, so that what the phase saw (client classes, re-exports) is seen
                // again; the keys select the files.
                let workspace = try runOptions.around("revert") {
                    try Workspace.open(paths: [project.root.path], currentDirectory: Output.currentDirectory)
                }
                Output.scope(files: workspace.files.count)
                run = try runOptions.around("revert") {
                    try TransformRun.run(plan.inverse, workspace: workspace, options: TransformOptions(restoring: true, restoreHints: plan.restoreHints),
                                         selection: plan.selection)
                }
            }
            let lost = report(run, plan: plan, project: project)
            // A revert that left sites does not undo the run: running it again retries them.
            let record = JournalRun(kind: .revert, transform: run.transformID, phase: phase, undoes: lost == 0 ? plan.record.run : nil,
                                    toolVersion: PrismaCodemod.version)
            let writes = Applier.writes(from: run.changed)
            let request = commit ? CommitRequest(
                project: project, subject: "Revert phase \(phase) (\(plan.record.transform)) with prisma-codemod",
                summary: "\(run.transformID) undid \(run.siteCount) site(s) in \(run.changed.count) file(s) of run \(plan.record.run)"
                    + (lost == 0 ? "." : "; \(lost) site(s) not found as the phase left them were left."),
                allowDirty: allowDirty, verify: !noVerify) : nil
            let (written, commitID, changedByHooks) = try Applier.apply(writes, run: record, journal: journal, commit: request)
            HookChanges.warn(changedByHooks, project: project)
            Output.out(AppliedSites.text(writes, project: project),
                       done: writes.isEmpty ? nil : "files were changed and journaled as run \(written.id)")
            RunSummary.print(run, verb: "reverted", project: project)
            if !run.changed.isEmpty { Output.err("journaled as run \(written.id)") }
            if let commitID { Output.err("committed \(commitID.prefix(12))") }
            if !run.failed.isEmpty { throw Exit.usageOrFailure }
            if lost > 0 { throw Exit.changesOrFindings }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw Exit.fail(error)
        }
    }

    /// Says what was not reverted and why; returns how many sites could not be found.
    private func report(_ run: TransformRun, plan: RevertPlan, project: Project) -> Int {
        let shown = project.repositoryPath
        for path in plan.missingFiles {
            Output.err("left \(shown(path)): the file is gone; its sites of phase \(phase) were not reverted")
        }
        for case .key(let path, let key) in run.doneSelectors.sorted(by: { $0.description < $1.description }) {
            Output.err("left \(shown(path)): \(plan.label(of: key, in: path)) is already as before phase \(phase)")
        }
        var lost = plan.missingFiles.count
        for case .key(let path, let key) in run.unmatchedSelectors {
            Output.err("left \(shown(path)): \(plan.label(of: key, in: path)) (\(key)) is not as phase \(phase) left it "
                       + "(edited since); not reverted")
            lost += 1
        }
        return lost + run.skippedSites.count + run.skippedFiles.count
    }
}

import ArgumentParser
import CodemodCore
import Foundation
import PrismaTransforms

struct RevertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revert",
        abstract: "Undo a phase: its inverse transform at exactly the sites the phase changed, leaving later edits alone.")

    @Option(help: "The phase to revert.")
    var phase: Int

    @Argument(help: "The project (default: the current folder).")
    var path: String = "."

    @Flag(help: "Make one git commit of the revert.")
    var commit = false

    @Flag(help: "With --commit: go ahead even when a file to change has uncommitted changes.")
    var allowDirty = false

    @OptionGroup var journalOption: JournalOption

    func validate() throws {
        if allowDirty && !commit { throw ValidationError("--allow-dirty goes with --commit") }
    }

    func run() throws {
        do {
            let project = try Project.locate(for: path, currentDirectory: Output.currentDirectory)
            let journal = journalOption.journal(for: project)
            if commit { _ = try PhaseCommit.repository(of: project) }  // before any work: not a repository, nothing done
            let plan = try RevertPlan.make(phase: phase, journal: journal)
            for (path, site) in plan.lost {
                Output.err("left \(path):\(site.line): \(site.label) was edited since phase \(phase); not reverted")
            }
            var run = TransformRun(transformID: plan.inverse.id, outcomes: [])
            if !plan.files.isEmpty {
                let workspace = try Workspace.open(paths: plan.files.map { project.url(of: $0).path }, currentDirectory: Output.currentDirectory)
                let options = TransformOptions(only: plan.source.only, at: plan.addresses)
                run = TransformRun.run(plan.inverse, workspace: workspace, options: options)
            }
            let record = JournalRun(kind: .revert, transform: run.transformID, phase: phase, only: plan.source.only,
                                    undoes: plan.source.id, toolVersion: PrismaCodemod.version)
            let writes = Applier.writes(from: run.changed)
            let request = commit ? CommitRequest(
                project: project, subject: "Revert phase \(phase) (\(plan.source.transform ?? "")) with prisma-codemod",
                summary: "\(run.transformID) undid \(run.siteCount) site(s) in \(run.changed.count) file(s) of run \(plan.source.id)"
                    + (plan.lost.isEmpty ? "." : "; \(plan.lost.count) site(s) edited since were left."),
                allowDirty: allowDirty) : nil
            let (written, commitID) = try Applier.apply(writes, run: record, journal: journal, commit: request)
            Output.out(AppliedSites.text(writes))
            RunSummary.print(run, verb: "reverted")
            for outcome in run.unchanged where plan.files.contains(outcome.path) {
                Output.err("left \(outcome.path): nothing of phase \(phase) is there any more (edited or rolled back since)")
            }
            if !run.changed.isEmpty { Output.err("journaled as run \(written.id)") }
            if let commitID { Output.err("committed \(commitID.prefix(12))") }
            if !run.failed.isEmpty { throw Exit.usageOrFailure }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw Exit.fail(error)
        }
    }
}

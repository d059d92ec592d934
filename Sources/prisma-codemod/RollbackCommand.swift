import ArgumentParser
import CodemodCore
import Foundation
import PrismaTransforms

struct RollbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Restore files from the journal: each FILE as before the last run that changed it, or every file of --run ID.",
        discussion: "A file that changed since the run wrote it is refused (named, with the reason) unless --force. "
            + "A rollback is journaled too, so it can itself be rolled back.\n\n" + HelpExamples.rollback)

    @Argument(help: ArgumentHelp("Files to restore.", valueName: "file"), completion: .file())
    var files: [String] = []

    @Option(name: .customLong("run"), help: ArgumentHelp("Restore every file of this run (see `prisma-codemod history`), also of an interrupted one: "
                                                         + "its id, a unique prefix of it, or `latest`.", valueName: "run-id"),
            completion: Completions.runs)
    var runID: String?

    @Flag(help: "Restore even files that changed since the run wrote them.")
    var force = false

    @OptionGroup var journalOption: JournalOption

    func validate() throws {
        if files.isEmpty == (runID == nil) { throw ValidationError("give FILE... or --run ID") }
    }

    func run() throws {
        let plan: RollbackPlan
        let journal: Journal
        let project: Project
        do {
            project = try Project.locate(for: files.first ?? ".", currentDirectory: Output.currentDirectory)
            journal = journalOption.journal(for: project)
            if let runID {
                // Named once: after the rollback, `latest` would name the rollback itself.
                let id = try journal.resolve(runID)
                plan = try Rollback.run(id, journal: journal, force: force)
                Rollback.removeStaleTemporaries(of: try journal.run(id: id), journal: journal)
            } else {
                let paths = files.map { project.relativePath(of: Project.resolve($0, against: Output.currentDirectory)) }
                plan = try Rollback.files(paths, journal: journal, force: force)
            }
            let record = JournalRun(kind: .rollback, undoes: plan.undoes, toolVersion: PrismaCodemod.version)
            let (written, _, _) = try Applier.apply(plan.writes, run: record, journal: journal, completes: plan.refused.isEmpty)
            let restored = plan.writes.map { "restored \(project.repositoryPath(of: $0.path))\n" }.joined()
            Output.out(restored, done: "files were restored and journaled as run \(written.id)")
            if !plan.writes.isEmpty { Output.err("journaled as run \(written.id) (roll it back to undo this)") }
        } catch {
            throw Exit.fail(error)
        }
        for (path, reason) in plan.refused { Output.err("refused \(project.repositoryPath(of: path)): \(reason)") }
        Output.err("rollback: \(plan.writes.count) file(s) restored, \(plan.refused.count) refused")
        if !plan.refused.isEmpty { throw Exit.usageOrFailure }
    }
}

import ArgumentParser
import CodemodCore
import Foundation

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "List the runs in the journal.",
                                                    discussion: HelpExamples.history)

    @Argument(help: ArgumentHelp("The project (default: the current folder).", valueName: "folder"), completion: .directory)
    var folder: String?

    private var path: String { folder ?? "." }

    @Flag(help: "Move damaged journal entries (unreadable, truncated, unknown version) into the journal's damaged/ folder, so they block nothing.")
    var repair = false

    @Option(name: .customLong("run"), help: ArgumentHelp("Show only this run, with its files and sites: its id, a unique prefix of it, or `latest`.",
                                                         valueName: "run-id"), completion: Completions.runs)
    var runID: String?

    @OptionGroup var journalOption: JournalOption

    func run() throws {
        let runs: [JournalRun]
        let problems: [CodemodError]
        do {
            let project = try Project.locate(for: path, currentDirectory: Output.currentDirectory)
            let journal = journalOption.journal(for: project)
            if repair {
                let lock = try ProjectLock(root: project.root)
                defer { withExtendedLifetime(lock) {} }
                let moved = try journal.setAsideDamaged()
                for name in moved { Output.err("set aside damaged entry \(name) into \(journal.folder.path)/damaged/") }
                if moved.isEmpty { Output.err("no damaged entries") }
            }
            if let runID {
                (runs, problems) = ([try journal.run(id: runID)], [])
            } else {
                (runs, problems) = journal.readableRuns()
            }
        } catch {
            throw Exit.fail(error)
        }
        defer { for problem in problems { Output.err("error: \(problem.message)") } }
        if runs.isEmpty { Output.err("no runs in the journal") }
        for run in runs {
            var what = run.transform ?? ""
            if let phase = run.phase { what += " (phase \(phase))" }
            if let undoes = run.undoes { what += " undoing \(undoes)" }
            let sites = run.files.reduce(0) { $0 + $1.sites.count }
            Output.out("\(run.id)  \(run.time)  \(run.kind.rawValue)  \(what)  \(run.files.count) file(s), \(sites) site(s)  \(run.status.rawValue)\n")
            guard runID != nil else { continue }
            for file in run.files {
                Output.out("  \(file.path)\n")
                for site in file.sites { Output.out("    \(site.line):\(site.column)  \(site.label)\n") }
            }
        }
        if !problems.isEmpty { throw Exit.usageOrFailure }
    }
}

import ArgumentParser
import CodemodCore
import Foundation

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "List the runs in the journal.")

    @Argument(help: "The project (default: the current folder).")
    var path: String = "."

    @OptionGroup var journalOption: JournalOption

    func run() throws {
        let runs: [JournalRun]
        do {
            let project = try Project.locate(for: path, currentDirectory: Output.currentDirectory)
            runs = try journalOption.journal(for: project).runs()
        } catch {
            throw Exit.fail(error)
        }
        if runs.isEmpty { Output.err("no runs in the journal") }
        for run in runs {
            var what = run.transform ?? ""
            if let phase = run.phase { what += " (phase \(phase))" }
            if let undoes = run.undoes { what += " undoing \(undoes)" }
            let sites = run.files.reduce(0) { $0 + $1.sites.count }
            Output.out("\(run.id)  \(run.time)  \(run.kind.rawValue)  \(what)  \(run.files.count) file(s), \(sites) site(s)  \(run.status.rawValue)\n")
        }
    }
}

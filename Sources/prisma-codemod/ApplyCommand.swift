import ArgumentParser
import CodemodCore
import Foundation
import PrismaTransforms

struct ApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Run a transform and write the changed files atomically.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var arguments: TransformArguments

    @Flag(name: .shortAndLong, help: "Show each file's diff and ask [y]es/[n]o/[a]ll/[q]uit.")
    var interactive = false

    @Option(help: "How to report the changed sites on stdout: text or json.")
    var format: Format = .text

    func run() throws {
        let workspace: Workspace
        let run: TransformRun
        do {
            (workspace, run) = try arguments.run()
        } catch {
            throw Exit.fail(error)
        }
        let chosen = interactive ? choose(run.changed, project: workspace.project) : run.changed
        var written: [FileOutcome] = []
        var writeErrors: [CodemodError] = []
        for outcome in chosen {
            do {
                try AtomicWriter.write(outcome.updated, to: workspace.project.url(of: outcome.path), displayPath: outcome.path)
                written.append(outcome)
            } catch let error as CodemodError {
                writeErrors.append(error)
            }
        }
        switch format {
        case .text: Output.out(AppliedSites.text(written))
        case .json: Output.out(JSONOutput.encode(AppliedSites.report(transform: run.transformID, written)))
        }
        RunSummary.print(run, verb: "changed")
        if written.count != run.changed.count { Output.err("\(written.count) of \(run.changed.count) changed file(s) written") }
        for error in writeErrors { Output.err("error: \(error.message)") }
        if !run.failed.isEmpty || !writeErrors.isEmpty { throw Exit.usageOrFailure }
    }

    /// Asks per file; stops asking after [a]ll, writes nothing more after [q]uit.
    private func choose(_ outcomes: [FileOutcome], project: Project) -> [FileOutcome] {
        var chosen: [FileOutcome] = []
        var all = false
        for outcome in outcomes {
            if all { chosen.append(outcome); continue }
            let patch = UnifiedDiff.make(path: project.repositoryPath(of: outcome.path), old: outcome.original, new: outcome.updated)
            Output.err(Output.useColor ? DiffColor.colorize(patch) : patch)
            FileHandle.standardError.write(Data("apply to \(outcome.path)? [y]es/[n]o/[a]ll/[q]uit ".utf8))
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
        var beforeLine: Int
        var beforeColumn: Int
    }

    static func report(transform: String, _ outcomes: [FileOutcome]) -> Report {
        Report(transform: transform, files: outcomes.map { outcome in
            FileSites(path: outcome.path, sites: outcome.sites.map {
                SiteEntry(label: $0.label, line: $0.after.row + 1, column: $0.after.column + 1,
                          beforeLine: $0.before.row + 1, beforeColumn: $0.before.column + 1)
            })
        })
    }

    static func text(_ outcomes: [FileOutcome]) -> String {
        outcomes.flatMap { outcome in
            outcome.sites.map { "\(outcome.path):\($0.after.row + 1):\($0.after.column + 1): \($0.label)\n" }
        }.joined()
    }
}

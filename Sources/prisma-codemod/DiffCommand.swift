import ArgumentParser
import CodemodCore
import Foundation
import PrismaTransforms

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what a transform (or a phase) would change, as a unified diff that `git apply` accepts.")

    @OptionGroup var arguments: TransformArguments

    @Flag(help: "Exit 1 when there are changes.")
    var exitCode = false

    @Option(help: "Also write the exact edits, locked to each file's sha256, for `apply --plan`.")
    var savePlan: String?

    @Flag(help: "Instead of the patch, print git's `--stat` table: each file with its count of changed lines, then the totals.")
    var stat = false

    @Flag(help: "Instead of the patch, print the paths of the files that would change, one a line.")
    var nameOnly = false

    func validate() throws {
        try arguments.validateTransformOrPhase()
        if stat && nameOnly { throw ValidationError("--stat and --name-only each replace the patch; give one") }
    }

    func run() throws {
        let prepared: [TransformArguments.Prepared]
        do {
            // A saved plan belongs to one project; a plain diff may span several.
            prepared = savePlan == nil ? try arguments.runAcrossProjects() : [try arguments.run()]
            if let savePlan, let single = prepared.first {
                let plan = SavedPlan(run: single.run, phase: single.phase?.id, only: single.only,
                                     options: TransformOptions(force: arguments.force, allowLossy: arguments.allowLossy),
                                     centralModule: arguments.selection.centralModule)
                let url = Project.resolve(savePlan, against: Output.currentDirectory)
                try AtomicWriter.write(Array(JSONOutput.encode(plan).utf8), to: url, displayPath: savePlan)
                Output.err("saved the plan (\(plan.files.count) file(s)) to \(savePlan)")
            }
        } catch {
            throw Exit.fail(error)
        }
        if nameOnly {
            Output.out(prepared.flatMap { project in
                project.run.changed.map { UnifiedDiff.quotedPath(project.workspace.project.repositoryPath(of: $0.path)) + "\n" }
            }.joined())
        } else if stat {
            Output.out(UnifiedDiff.stat(prepared.flatMap { $0.run.filePatches(project: $0.workspace.project) }))
        } else {
            let files = prepared.flatMap { $0.run.filePatches(project: $0.workspace.project) }
            let patch = files.map(\.text).joined()
            Output.out(Output.useColor ? DiffColor.colorize(patch) : patch)
            // A long patch scrolls its files away: their counts follow on stderr, as git's --stat words them.
            let table = UnifiedDiff.stat(files)
            if !table.isEmpty { Output.errRaw(table) }
        }
        for project in prepared { RunSummary.print(project.run, verb: "would change", project: project.workspace.project, named: prepared.count > 1,
                                                      writing: false) }
        if prepared.contains(where: { !$0.run.failed.isEmpty }) { throw Exit.usageOrFailure }
        if exitCode, prepared.contains(where: { !$0.run.changed.isEmpty }) { throw Exit.changesOrFindings }
    }
}

enum DiffColor {
    static func colorize(_ patch: String) -> String {
        patch.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.hasPrefix("diff --git") || line.hasPrefix("index ") || line.hasPrefix("--- ") || line.hasPrefix("+++ ") { return "\u{1B}[1m\(line)\u{1B}[0m" }
            if line.hasPrefix("@@") { return "\u{1B}[36m\(line)\u{1B}[0m" }
            if line.hasPrefix("+") { return "\u{1B}[32m\(line)\u{1B}[0m" }
            if line.hasPrefix("-") { return "\u{1B}[31m\(line)\u{1B}[0m" }
            return String(line)
        }.joined(separator: "\n")
    }
}

import ArgumentParser
import CodemodCore
import Foundation
import PrismaTransforms

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what a transform (or a phase) would change, as a unified diff that `git apply` accepts.",
        discussion: HelpExamples.diff)

    @OptionGroup var arguments: TransformArguments

    @Flag(help: "Exit 1 when there are changes.")
    var exitCode = false

    @Option(help: ArgumentHelp("Also write the exact edits, locked to each file's sha256, for `apply --plan`.", valueName: "path"),
            completion: .file(extensions: ["json"]))
    var savePlan: String?

    @OptionGroup var reportFile: ReportFileOption

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
        do {
            if nameOnly {
                try Output.report(prepared.flatMap { project in
                    project.run.changed.map { UnifiedDiff.quotedPath(project.workspace.project.repositoryPath(of: $0.path)) + "\n" }
                }.joined(), to: reportFile.output)
            } else if stat {
                try Output.report(UnifiedDiff.stat(prepared.flatMap { $0.run.filePatches(project: $0.workspace.project) }), to: reportFile.output)
            } else {
                let files = prepared.flatMap { $0.run.filePatches(project: $0.workspace.project) }
                let patch = files.map(\.text).joined()
                // A patch file is for `git apply`: never coloured.
                let colored = reportFile.output == nil && Output.colors(STDOUT_FILENO, arguments.runOptions.color)
                try Output.report(colored ? DiffColor.colorize(patch) : patch, to: reportFile.output)
                // A long patch scrolls its files away: their counts follow on stderr, as git's --stat words them.
                let table = UnifiedDiff.stat(files)
                if !table.isEmpty { Output.errRaw(table) }
            }
        } catch {
            throw Exit.fail(error)
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
            if line.hasPrefix("diff --git") || line.hasPrefix("index ") || line.hasPrefix("--- ") || line.hasPrefix("+++ ") {
                return ANSI.paint(line, ANSI.bold)
            }
            if line.hasPrefix("@@") { return ANSI.paint(line, ANSI.cyan) }
            if line.hasPrefix("+") { return ANSI.paint(line, ANSI.green) }
            if line.hasPrefix("-") { return ANSI.paint(line, ANSI.red) }
            return String(line)
        }.joined(separator: "\n")
    }
}

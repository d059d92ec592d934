import ArgumentParser
import CodemodCore
import PrismaTransforms

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what a transform would change, as a unified diff that `git apply` accepts.")

    @OptionGroup var arguments: TransformArguments

    @Flag(help: "Exit 1 when there are changes.")
    var exitCode = false

    func run() throws {
        let workspace: Workspace
        let run: TransformRun
        do {
            (workspace, run) = try arguments.run()
        } catch {
            throw Exit.fail(error)
        }
        let patch = run.patch(project: workspace.project)
        Output.out(Output.useColor ? DiffColor.colorize(patch) : patch)
        RunSummary.print(run, verb: "would change")
        if !run.failed.isEmpty { throw Exit.usageOrFailure }
        if exitCode, !run.changed.isEmpty { throw Exit.changesOrFindings }
    }
}

enum DiffColor {
    static func colorize(_ patch: String) -> String {
        patch.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.hasPrefix("diff --git") || line.hasPrefix("--- ") || line.hasPrefix("+++ ") { return "\u{1B}[1m\(line)\u{1B}[0m" }
            if line.hasPrefix("@@") { return "\u{1B}[36m\(line)\u{1B}[0m" }
            if line.hasPrefix("+") { return "\u{1B}[32m\(line)\u{1B}[0m" }
            if line.hasPrefix("-") { return "\u{1B}[31m\(line)\u{1B}[0m" }
            return String(line)
        }.joined(separator: "\n")
    }
}

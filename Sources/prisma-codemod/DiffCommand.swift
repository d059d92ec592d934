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

    func validate() throws { try arguments.validateTransformOrPhase() }

    func run() throws {
        let prepared: TransformArguments.Prepared
        do {
            prepared = try arguments.run()
            if let savePlan {
                let plan = SavedPlan(run: prepared.run, phase: prepared.phase?.id, only: prepared.only)
                let url = Project.resolve(savePlan, against: Output.currentDirectory)
                try AtomicWriter.write(Array(JSONOutput.encode(plan).utf8), to: url, displayPath: savePlan)
                Output.err("saved the plan (\(plan.files.count) file(s)) to \(savePlan)")
            }
        } catch {
            throw Exit.fail(error)
        }
        let patch = prepared.run.patch(project: prepared.workspace.project)
        Output.out(Output.useColor ? DiffColor.colorize(patch) : patch)
        RunSummary.print(prepared.run, verb: "would change", project: prepared.workspace.project)
        if !prepared.run.failed.isEmpty { throw Exit.usageOrFailure }
        if exitCode, !prepared.run.changed.isEmpty { throw Exit.changesOrFindings }
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

import ArgumentParser
import CodemodCore
import Foundation
import PrismaRules
import PrismaTransforms

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Dry-run the whole plan (the project's phases, else the generic plan): what each phase would change now.",
        discussion: HelpExamples.plan)

    @OptionGroup var selection: SelectionOptions

    @OptionGroup var budgetArguments: BudgetArguments

    @OptionGroup var runOptions: RunOptions

    func run() throws {
        let workspace: Workspace
        let previews: [Phases.Preview]
        let budget: ConnectionBudget
        do {
            workspace = try runOptions.around("plan") {
                try Workspace.open(paths: selection.paths, selection: selection.selection(),
                                   currentDirectory: Output.currentDirectory, centralModule: selection.centralModule)
            }
            Output.scope(files: workspace.files.count)
            (previews, budget) = try runOptions.around("plan") {
                try Recognition.verify(workspace)
                return (try Phases.preview(workspace), Inventory.make(workspace, budget: budgetArguments.options).budget)
            }
        } catch {
            throw Exit.fail(error)
        }
        let target = selection.paths.first ?? "."
        var out = "Plan for \(target): \(previews.count) phase(s), each one commit (apply --phase N --commit)\n"
        switch workspace.configuration.planSource {
        case .sampleDefault:
            out += "The generic plan: \(RulesLoader.overrideFileName) names no phases of its own (README: Writing your own phases).\n"
        case .sample(let file):
            out += "The sample backend's plan (Rules/phases.yaml), as `phases: sample` in \(file) asks.\n"
        case .project(let file):
            out += "The phases of \(file).\n"
        }
        var failed = false
        for preview in previews {
            let phase = preview.phase
            out += "\nPhase \(phase.id): \(phase.title)\n"
            if !phase.why.isEmpty { out += "  why: \(phase.why)\n" }
            if let run = preview.run {
                let scope = phase.only.isEmpty ? "" : " --only \(phase.only.joined(separator: " --only "))"
                out += "  \(run.transformID)\(scope): \(run.changed.count) file(s), \(run.siteCount) site(s) would change; "
                out += "\(run.skippedFiles.count) file(s) skipped, \(run.skippedSites.count) site(s) left, \(run.failed.count) failed\n"
                for outcome in run.changed {
                    for site in outcome.sites {
                        let wrapper = site.wrapper.map { "  (wrapper at \($0.line):\($0.column))" } ?? ""
                        out += "    \(workspace.project.repositoryPath(of: outcome.path)):\(site.call.line):\(site.call.column)  \(site.label)\(wrapper)\n"
                    }
                }
                for line in RunSummary.details(run, project: workspace.project, writing: false) { out += "    \(line)\n" }
                if let nothing = Phases.nothingToChange(phase, runs: [run]) { out += "    \(nothing)\n" }
                if Phases.instanceChange(of: run) != 0 {
                    out += budgetLine("  connection budget after phase \(phase.id): ", Phases.budget(after: phase.id, previews: previews, now: budget),
                                      phase: phase.id, adding: Phases.instanceChange(of: run) > 0)
                }
                out += "  preview: prisma-codemod diff --phase \(phase.id) \(target)\n"
                out += "  apply:   prisma-codemod apply --phase \(phase.id) --commit \(target)\n"
                failed = failed || !run.failed.isEmpty
            }
            if let problem = preview.problem {
                out += "  cannot run: \(problem)\n"
                failed = true
            }
            if let manual = phase.manual {
                out += "  manual step (not a code rewrite):\n"
                for line in manual.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
                    out += "    \(line)\n"
                }
            }
            if phase.showsBudget {
                out += "  connection budget now: " + BudgetArguments.describe(budget) + "\n"
                // The last phase before this one that changes how many clients there are.
                if let changing = previews.prefix(while: { $0.phase.id != phase.id }).last(where: { $0.run.map(Phases.instanceChange) ?? 0 != 0 }),
                   let run = changing.run {
                    let how = run.transformID == LocalizeClient.id ? "one client per file" : "one shared client"
                    out += budgetLine("  after phase \(changing.phase.id) (\(how)): ", Phases.budget(after: changing.phase.id, previews: previews, now: budget),
                                      phase: changing.phase.id, adding: Phases.instanceChange(of: run) > 0)
                }
            }
        }
        Output.out(out)
        if failed { throw Exit.usageOrFailure }
    }

    /// A budget line; one over max_connections says that applying the phase is refused, in red on a terminal.
    /// `adding`: the phase adds clients, so `apply` refuses it over the limit (ApplyCommand.checkBudget).
    private func budgetLine(_ prefix: String, _ budget: ConnectionBudget, phase: Int, adding: Bool) -> String {
        guard budget.exceeds else { return prefix + BudgetArguments.describe(budget) + "\n" }
        let line = prefix + BudgetArguments.describe(budget) + (adding ? " (apply --phase \(phase) refuses this without --accept-budget)" : "")
        return (Output.colors(STDOUT_FILENO, runOptions.color) ? ANSI.paint(line, ANSI.red) : line) + "\n"
    }
}

import ArgumentParser
import CodemodCore
import Foundation
import PrismaRules
import PrismaTransforms

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Dry-run the whole plan (the project's phases, else the generic plan): what each phase would change now.")

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
                    for site in outcome.sites { out += "    \(workspace.project.repositoryPath(of: outcome.path)):\(site.before.line)  \(site.label)\n" }
                }
                for line in RunSummary.details(run, project: workspace.project, writing: false) { out += "    \(line)\n" }
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
                if let (localizing, after) = Phases.budgetAfterLocalizing(previews, now: budget) {
                    out += "  after phase \(localizing.id) (one client per file): " + BudgetArguments.describe(after) + "\n"
                }
            }
        }
        Output.out(out)
        if failed { throw Exit.usageOrFailure }
    }
}

import ArgumentParser
import CodemodCore
import Foundation
import PrismaTransforms

struct InventoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory",
        abstract: "Report client instances, central imports, Prisma calls, retry wrapping and the connection budget.",
        discussion: HelpExamples.inventory)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var selection: SelectionOptions

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @OptionGroup var budget: BudgetArguments

    @OptionGroup var runOptions: RunOptions

    @OptionGroup var reportFile: ReportFileOption

    @OptionGroup var cacheOption: CacheOption

    /// Several projects in one run: one report each, in path order.
    struct ProjectsReport: Encodable {
        var projects: [InventoryReport]
    }

    func run() throws {
        var reports: [InventoryReport] = []
        do {
            let workspaces = try runOptions.around("inventory") {
                try Workspace.openProjects(paths: selection.paths, selection: selection.selection(),
                                           currentDirectory: Output.currentDirectory, centralModule: selection.centralModule,
                                           cache: cacheOption.settings, cacheName: "inventory")
            }
            Output.scope(files: workspaces.reduce(0) { $0 + $1.files.count }, projects: workspaces.count)
            reports = try runOptions.around("inventory") {
                try workspaces.map { workspace in
                    try Recognition.verify(workspace)
                    return Inventory.make(workspace, budget: budget.options, cache: cacheOption.settings)
                }
            }
            switch format {
            case .json: try Output.report(reports.count == 1 ? JSONOutput.encode(reports[0]) : JSONOutput.encode(ProjectsReport(projects: reports)),
                                          to: reportFile.output)
            case .text: try Output.report(reports.map(InventoryText.render).joined(separator: "\n"), to: reportFile.output)
            }
        } catch {
            throw Exit.fail(error)
        }
        let failed = reports.flatMap(\.failed)
        for failure in failed { Output.err("error: \(failure.reason)") }
        if !failed.isEmpty { throw Exit.usageOrFailure }
    }
}

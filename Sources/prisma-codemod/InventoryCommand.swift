import ArgumentParser
import CodemodCore
import Foundation
import PrismaTransforms

struct InventoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory",
        abstract: "Report client instances, central imports, Prisma calls, retry wrapping and the connection budget.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var selection: SelectionOptions

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @OptionGroup var budget: BudgetArguments

    func run() throws {
        let report: InventoryReport
        do {
            let workspace = try Workspace.open(paths: selection.paths, selection: selection.selection,
                                               currentDirectory: Output.currentDirectory,
                                               centralModule: selection.centralModule)
            try Recognition.verify(workspace)
            report = Inventory.make(workspace, budget: budget.options)
        } catch {
            throw Exit.fail(error)
        }
        switch format {
        case .json: Output.out(JSONOutput.encode(report))
        case .text: Output.out(InventoryText.render(report))
        }
        for failure in report.failed { Output.err("error: \(failure.reason)") }
        if !report.failed.isEmpty { throw Exit.usageOrFailure }
    }
}

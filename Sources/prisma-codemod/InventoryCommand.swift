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

    @Option(help: "Database URL whose connection_limit sets the pool size (default: DATABASE_URL in the root's .env).")
    var databaseURL: String?

    @Option(help: "CPUs for Prisma's default pool size (2 × CPUs + 1) when no connection_limit is set.")
    var cpus: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "The database server's max_connections.")
    var maxConnections: Int = 100

    func validate() throws {
        guard cpus > 0 else { throw ValidationError("--cpus must be at least 1") }
        guard maxConnections > 0 else { throw ValidationError("--max-connections must be at least 1") }
    }

    func run() throws {
        let report: InventoryReport
        do {
            let workspace = try Workspace.open(paths: selection.paths, selection: selection.selection,
                                               currentDirectory: Output.currentDirectory,
                                               centralModule: selection.centralModule)
            report = Inventory.make(workspace, budget: BudgetOptions(databaseURL: databaseURL, cpus: cpus,
                                                                     maxConnections: maxConnections))
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

import ArgumentParser
import Foundation
import PrismaTransforms

/// How the connection budget is computed, for `inventory` and `plan`.
struct BudgetArguments: ParsableArguments {
    @Option(help: ArgumentHelp("Database URL whose connection_limit sets the pool size (default: DATABASE_URL in the root's .env).",
                               valueName: "url"))
    var databaseURL: String?

    @Option(help: ArgumentHelp("CPUs for Prisma's default pool size (2 × CPUs + 1) when no connection_limit is set "
                               + "(default: this machine's cores).", valueName: "n"))
    var cpus: Int?

    @Option(help: ArgumentHelp("The database server's max_connections.", valueName: "n"))
    var maxConnections: Int = 100

    func validate() throws {
        if let cpus, cpus < 1 { throw ValidationError("--cpus must be at least 1") }
        guard maxConnections > 0 else { throw ValidationError("--max-connections must be at least 1") }
    }

    var options: BudgetOptions { BudgetOptions(databaseURL: databaseURL, cpus: cpus ?? ProcessInfo.processInfo.activeProcessorCount,
                                          maxConnections: maxConnections) }

    /// One line for people: instances × pool = worst case, against the server's limit.
    static func describe(_ budget: ConnectionBudget) -> String {
        var text = "\(budget.instances) client instance(s) × \(budget.poolSize) connections (\(budget.poolSizeSource)) = "
            + "\(budget.worstCase) at worst; max_connections \(budget.maxConnections)"
        if budget.exceeds { text += " — exceeds it by \(budget.worstCase - budget.maxConnections)" }
        return text
    }
}

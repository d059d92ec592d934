import ArgumentParser
import Foundation

@main
struct PrismaCodemod: ParsableCommand {
    /// ArgumentParser exits 64 on usage errors; this tool's contract is 2 for them.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error).rawValue == 64 {
                Output.err(fullMessage(for: error))
                Foundation.exit(Exit.usageOrFailure.rawValue)
            }
            exit(withError: error)
        }
    }

    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "prisma-codemod",
        abstract: "Reversible, reviewable rewrites of Prisma client use in TypeScript backends.",
        discussion: """
            Exit codes (every command): 0 ok or nothing to change; 1 changes (with --exit-code) \
            or findings at error severity; 2 usage, configuration or parse errors.
            """,
        version: version,
        subcommands: [
            InitCommand.self, ListCommand.self, InventoryCommand.self, PlanCommand.self, DiffCommand.self, ApplyCommand.self, CheckCommand.self,
            HistoryCommand.self, RollbackCommand.self, RevertCommand.self,
        ]
    )
}

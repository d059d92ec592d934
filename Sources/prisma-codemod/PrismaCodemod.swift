import ArgumentParser

@main
struct PrismaCodemod: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "prisma-codemod",
        abstract: "Reversible, reviewable rewrites of Prisma client use in TypeScript backends.",
        discussion: """
            Exit codes (every command): 0 ok or nothing to change; 1 changes (with --exit-code) \
            or findings at error severity; 2 usage, configuration or parse errors.
            """,
        version: version,
        subcommands: [ListCommand.self, InventoryCommand.self, DiffCommand.self, ApplyCommand.self]
    )
}

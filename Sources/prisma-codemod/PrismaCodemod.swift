import ArgumentParser
import Foundation
import SyntaxTree

@main
struct PrismaCodemod: ParsableCommand {
    /// ArgumentParser exits 64 on usage errors; this tool's contract is 2 for them.
    static func main() {
        // A reader that went away (`| head`) is an output error like any other (EPIPE, exit 2),
        // not a silent kill by SIGPIPE part-way through a command.
        signal(SIGPIPE, SIG_IGN)
        if let argument = bundledShortFlags(Array(CommandLine.arguments.dropFirst())) {
            Output.err("error: unknown option '\(argument)'; a path that starts with '-' goes after '--' (say: -- \(argument))")
            Foundation.exit(Exit.usageOrFailure.rawValue)
        }
        let commands = configuration.subcommands.compactMap { $0.configuration.commandName }
        if let message = Suggestion.unknownCommand(Array(CommandLine.arguments.dropFirst()), commands: commands) {
            Output.err("error: \(message)")
            Foundation.exit(Exit.usageOrFailure.rawValue)
        }
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

    /// An argument such as `-hot.ts` before `--`: the argument parser reads it as bundled
    /// short flags, `-h` among them, and prints the help with exit 0, so a file named so
    /// would silently do nothing. The only short options are `-h`, `-i` and `-o FILE`, never bundled.
    static func bundledShortFlags(_ arguments: [String]) -> String? {
        arguments.prefix { $0 != "--" }.first { $0.hasPrefix("-") && !$0.hasPrefix("--") && $0.count > 2 }
    }

    static let version = "0.1.0"

    /// What `--version` prints: the tool's version, then the grammars it parses with.
    static let versionText = "prisma-codemod \(version)\n\(Language.grammarVersions)"

    static let configuration = CommandConfiguration(
        commandName: "prisma-codemod",
        abstract: "Reversible, reviewable rewrites of Prisma client use in TypeScript backends.",
        discussion: """
            Exit codes (every command): 0 ok or nothing to change; 1 changes (with --exit-code) \
            or findings at error severity; 2 usage, configuration or parse errors.

            """ + HelpExamples.root,
        version: versionText,
        subcommands: [
            InitCommand.self, ListCommand.self, InventoryCommand.self, PlanCommand.self, DiffCommand.self, ApplyCommand.self, CheckCommand.self,
            HistoryCommand.self, RollbackCommand.self, RevertCommand.self,
        ]
    )
}

/// The `Examples:` block of each command's help: a command line and what it does.
enum HelpExamples {
    static func block(_ examples: [(command: String, what: String)]) -> String {
        "Examples:\n" + examples.map { "  prisma-codemod \($0.command)\n      \($0.what)" }.joined(separator: "\n")
    }

    static let root = block([
        ("init", "Find the client module and retry helpers; write prisma-codemod.yaml."),
        ("plan", "What each phase of the plan would change now."),
        ("diff --phase 1", "Phase 1 as a patch; then `apply --phase 1 --commit`."),
        ("check --format sarif > results.sarif", "The checks, for code scanning."),
    ])

    static let initialize = block([
        ("init", "Detect and write prisma-codemod.yaml for the current folder."),
        ("init services/shop --dry-run", "Print the configuration for one service instead of writing it."),
        ("init --central-module src/db/client.ts --force", "Name the client module when several export one."),
    ])

    static let list = block([
        ("list", "Each transform, what it does, and its inverse."),
    ])

    static let inventory = block([
        ("inventory", "Clients, calls, retry wrapping and connection budget of this folder."),
        ("inventory src --exclude '**/*.test.ts'", "Only src, without the tests."),
        ("inventory --format json > inventory.json", "The same as JSON, for scripts."),
    ])

    static let plan = block([
        ("plan", "Every phase as a dry run, with the connection budget after each."),
        ("plan --max-connections 500 --cpus 8", "With the server's limit and the production machine's cores."),
    ])

    static let diff = block([
        ("diff unwrap-reads", "Take the retry off every read, as a patch."),
        ("diff --phase 3 | git apply --check", "Phase 3 as a patch, checked by git."),
        ("diff wrap-writes --only notification.create src/services", "Only that call, only in src/services."),
        ("diff unwrap-reads --at src/services/userCache.ts:48", "Only the call at that line."),
        ("diff --phase 1 --save-plan phase1.json", "Also lock the edits for `apply --plan phase1.json`."),
    ])

    static let apply = block([
        ("apply --phase 1 --commit", "Write phase 1 and commit it with the phase's message."),
        ("apply unwrap-reads -i", "Ask file by file."),
        ("apply --plan phase1.json", "Exactly the saved plan, if no file changed since."),
        ("apply --phase 2 --max-connections 500", "Localize clients when the server allows 500 connections."),
    ])

    static let check = block([
        ("check", "The checks on the current folder; exit 1 on findings at error severity."),
        ("check src/a.ts src/b.ts", "Only those files (a pre-commit hook), judged as the whole tree would."),
        ("check --format github", "Annotations in a GitHub Actions log."),
        ("check --write-baseline baseline.json", "Record today's findings; later `check --baseline baseline.json`."),
    ])

    static let history = block([
        ("history", "The runs of the journal, newest last."),
        ("history --repair", "Set damaged journal entries aside."),
    ])

    static let rollback = block([
        ("rollback src/services/userCache.ts", "That file as before the last run that changed it."),
        ("rollback --run 20261127T134326123Z-e38e2a", "Every file of that run (see `history`)."),
    ])

    static let revert = block([
        ("revert --phase 1 --commit", "Put the retries of phase 1 back, at exactly its sites, and commit."),
    ])
}

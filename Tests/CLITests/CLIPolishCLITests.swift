import Foundation
import XCTest

/// Issue 13, items 7 and 8: misspellings get a suggestion, help says what each value takes and
/// shows examples, shells complete transforms, phases and run ids, a phase that selects nothing
/// says so, and a phase over the connection budget is refused.
final class CLIPolishCLITests: XCTestCase {
    func testMisspeltCommandsTransformsAndOptionsGetASuggestion() throws {
        let command = try tool(["chek"], in: repositoryRoot)
        XCTAssertEqual(command.status, 2)
        XCTAssertTrue(command.stderr.hasPrefix("error: unknown command 'chek'; did you mean 'check'? (commands: init, list, "), command.stderr)
        let far = try tool(["blah"], in: repositoryRoot)
        XCTAssertEqual(far.status, 2)
        XCTAssertFalse(far.stderr.contains("did you mean"), "no suggestion for a word close to nothing: \(far.stderr)")

        let transform = try tool(["diff", "unwrap-read", "Fixtures/backend"], in: repositoryRoot)
        XCTAssertEqual(transform.status, 2)
        XCTAssertTrue(transform.stderr.contains("unknown transform 'unwrap-read'; did you mean 'unwrap-reads'?"), transform.stderr)

        let option = try tool(["check", "Fixtures/backend", "--exlude", "x"], in: repositoryRoot)
        XCTAssertEqual(option.status, 2)
        XCTAssertTrue(option.stderr.contains("Did you mean '--exclude'?"), option.stderr)
    }

    func testEveryCommandsHelpHasExamplesAndSaysWhatValuesTake() throws {
        let commands = ["init", "list", "inventory", "plan", "diff", "apply", "check", "history", "rollback", "revert"]
        let root = try tool(["--help"], in: repositoryRoot)
        XCTAssertTrue(root.stdout.contains("Examples:\n  prisma-codemod init\n"), root.stdout)
        for command in commands {
            let help = try tool([command, "--help"], in: repositoryRoot)
            XCTAssertEqual(help.status, 0, command)
            XCTAssertTrue(help.stdout.contains("Examples:\n  prisma-codemod \(command)"), "\(command): \(help.stdout)")
            XCTAssertFalse(help.stdout.contains("(default: .)"), "\(command) says its default once: \(help.stdout)")
            XCTAssertNil(help.stdout.range(of: #"<(include|exclude|only|only-files|run|phase|plan|save-plan|journal|baseline|paths)>"#,
                                           options: .regularExpression), "\(command): \(help.stdout)")
        }
        let diff = try tool(["diff", "--help"], in: repositoryRoot).stdout
        for value in ["--include <glob>", "--only-files <glob>", "--at <path:line>", "--only <model.method>", "--phase <n>", "--save-plan <path>"] {
            XCTAssertTrue(diff.contains(value), value)
        }
        XCTAssertTrue(try tool(["rollback", "--help"], in: repositoryRoot).stdout.contains("--run <run-id>"))
        XCTAssertTrue(try tool(["history", "--help"], in: repositoryRoot).stdout.contains("The project (default: the current folder).\n"))
    }

    func testShellsCompleteTransformsPhasesAndRuns() throws {
        let bash = try tool(["--generate-completion-script", "bash"], in: repositoryRoot).stdout
        XCTAssertTrue(bash.contains("hoist-retry-to-transaction"), "transform ids are offered")
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        XCTAssertEqual(try tool(["---completion", "diff", "--", "--phase", "0", "0"], in: repo).stdout, "1\n2\n3\n4\n5\n")
        XCTAssertEqual(try tool(["apply", "--phase", "1"], in: repo).status, 0)
        let runs = try tool(["---completion", "rollback", "--", "--run", "0", "0"], in: repo).stdout
        XCTAssertEqual(runs.split(separator: "\n").count, 1, runs)
        XCTAssertTrue(try tool(["history"], in: repo).stdout.hasPrefix(String(runs.dropLast())), runs)
    }

    /// The phase's own `only` naming no call is nothing to do, said; a typed `--only` naming none stays a typo.
    func testAPhaseThatSelectsNothingSaysSo() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let controller = repo.appendingPathComponent("src/controllers/notificationController.ts")
        let text = try String(contentsOf: controller, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "notification.create(", with: "notification.upsert(").utf8).write(to: controller)

        let diff = try tool(["diff", "--phase", "3"], in: repo)
        XCTAssertEqual(diff.status, 0, diff.stderr)
        XCTAssertEqual(diff.stdout, "")
        XCTAssertTrue(diff.stderr.contains("nothing to change for phase 3: no notification.create call\n"), diff.stderr)
        let apply = try tool(["apply", "--phase", "3"], in: repo)
        XCTAssertEqual(apply.status, 0, apply.stderr)
        XCTAssertTrue(apply.stderr.contains("nothing to change for phase 3: no notification.create call\n"), apply.stderr)
        let plan = try tool(["plan"], in: repo)
        XCTAssertTrue(plan.stdout.contains("    nothing to change for phase 3: no notification.create call\n"), plan.stdout)

        let typed = try tool(["diff", "wrap-writes", "--only", "notification.create"], in: repo)
        XCTAssertEqual(typed.status, 2)
        XCTAssertTrue(typed.stderr.contains("no Prisma call matches --only notification.create; nothing was written"), typed.stderr)
    }

    func testAPhaseOverTheConnectionBudgetIsRefusedUnlessAccepted() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let refused = try tool(["apply", "--phase", "2"], in: repo)
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("error: phase 2 would take the connection budget to 7300, over max_connections 100: "), refused.stderr)
        XCTAssertEqual(refused.stdout, "")
        XCTAssertEqual(try git(["status", "--porcelain"], in: repo).stdout, "", "nothing written")
        XCTAssertEqual(try tool(["apply", "--phase", "1", "--accept-budget"], in: repo).status, 0, "a phase adding no client is never refused")
        let within = try tool(["apply", "--phase", "2", "--max-connections", "7300"], in: repo)
        XCTAssertEqual(within.status, 0, within.stderr)
        XCTAssertEqual(try tool(["apply", "unwrap-reads", "--accept-budget"], in: repo).status, 2, "--accept-budget goes with --phase")
    }

    /// A saved plan is held to the same rail as the phase it was made from, and applies as
    /// the phase made it (its bare client).
    func testASavedPlanOverTheConnectionBudgetIsRefusedUnlessAccepted() throws {
        let repo = try backendRepository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let planFile = repo.appendingPathComponent("phase2.plan.json").path
        let saved = try tool(["diff", "--phase", "2", "--save-plan", planFile], in: repo)
        XCTAssertEqual(saved.status, 0, saved.stderr)
        let refused = try tool(["apply", "--plan", planFile], in: repo)
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("error: the plan \(planFile) would take the connection budget to 7300, over max_connections 100: "),
                      refused.stderr)
        XCTAssertEqual(try git(["status", "--porcelain", "src"], in: repo).stdout, "", "nothing written")
        let accepted = try tool(["apply", "--plan", planFile, "--accept-budget"], in: repo)
        XCTAssertEqual(accepted.status, 0, accepted.stderr)
        XCTAssertFalse(try git(["status", "--porcelain", "src"], in: repo).stdout.isEmpty)
    }
}

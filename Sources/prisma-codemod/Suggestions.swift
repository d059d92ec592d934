import ArgumentParser
import CodemodCore
import Foundation
import PrismaTransforms

/// "Did you mean …?" for a misspelt command or transform (the argument parser suggests
/// options itself): the closest known word, when it is close enough to be the one meant.
enum Suggestion {
    static func closest(to word: String, among known: [String]) -> String? {
        let limit = max(1, word.count / 3)
        let scored = known.map { ($0, distance(word.lowercased(), $0)) }.filter { $0.1 <= limit }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// "; did you mean 'x'?" or nothing.
    static func hint(for word: String, among known: [String]) -> String {
        closest(to: word, among: known).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Levenshtein distance over characters, two rows at a time.
    static func distance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs), b = Array(rhs)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The first argument when it is meant as a command and names none: `chek` → an error
    /// naming `check`, instead of the parser's "Unexpected argument".
    static func unknownCommand(_ arguments: [String], commands: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), first != "help", !commands.contains(first) else { return nil }
        return "unknown command '\(first)'\(hint(for: first, among: commands)) (commands: \(commands.joined(separator: ", ")))"
    }
}

/// What shells offer after an option or argument: transform ids, the project's phases, journal runs.
enum Completions {
    static var transforms: CompletionKind { .list(TransformRegistry.all.map(\.id)) }

    /// The phases of the project in the current folder (its own, or the built-in plan).
    static var phases: CompletionKind {
        .custom { _, _, _ in
            guard let project = try? Project.locate(for: ".", currentDirectory: Output.currentDirectory),
                  let rules = try? Workspace.rules(root: project.root) else { return [] }
            return rules.phases.map { "\($0.id)" }
        }
    }

    /// The run ids of the project's journal, newest first.
    static var runs: CompletionKind {
        .custom { _, _, _ in
            guard let project = try? Project.locate(for: ".", currentDirectory: Output.currentDirectory) else { return [] }
            return Journal(root: project.root).readableRuns().runs.map(\.id).reversed()
        }
    }
}

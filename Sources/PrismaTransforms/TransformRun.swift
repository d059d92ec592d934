import CodemodCore
import Foundation
import SyntaxTree

/// One transform over a workspace, in memory: the outcome of every file.
public struct TransformRun: Sendable {
    public let transformID: String
    public let outcomes: [FileOutcome]

    public init(transformID: String, outcomes: [FileOutcome]) {
        self.transformID = transformID
        self.outcomes = outcomes
    }

    public static func run(_ entry: TransformRegistry.Entry, workspace: Workspace, options: TransformOptions) -> TransformRun {
        let transform = entry.make(workspace.context, options)
        let engine = Engine()
        let outcomes = Parallel.map(count: workspace.files.count) { index, parsers -> FileOutcome in
            let loaded = workspace.files[index]
            switch loaded.content {
            case .failure(let error):
                return FileOutcome(path: loaded.path, status: .failed, original: [], updated: [], error: error)
            case .success(let bytes):
                return engine.run(transform, path: loaded.path, bytes: bytes, parsers: parsers)
            }
        }
        return TransformRun(transformID: entry.id, outcomes: outcomes)
    }

    public var changed: [FileOutcome] { outcomes.filter(\.isChanged) }
    public var failed: [FileOutcome] { outcomes.filter { $0.status == .failed } }
    public var skippedFiles: [FileOutcome] { outcomes.filter { $0.status == .skipped } }
    public var unchanged: [FileOutcome] { outcomes.filter { $0.status == .unchanged } }
    public var siteCount: Int { changed.reduce(0) { $0 + $1.sites.count } }
    /// Sites left alone inside files, with reasons.
    public var skippedSites: [(path: String, note: Note)] {
        outcomes.flatMap { outcome in outcome.skipped.map { (outcome.path, $0) } }
    }

    /// The given selectors that named no Prisma call in any file: `PATH:LINE` for `--at`,
    /// `model.method` for `--only`.
    public func unmatchedSelectors(at addresses: [SiteAddress], only filters: [String]) -> [String] {
        var matched = Set<String>()
        for outcome in outcomes {
            for selector in outcome.matched {
                matched.insert(selector.hasPrefix("at:") ? "at:\(outcome.path):\(selector.dropFirst(3))" : selector)
            }
        }
        return addresses.filter { !matched.contains("at:\($0.path):\($0.line)") }.map { "--at \($0.path):\($0.line)" }
            + filters.filter { !matched.contains("only:\($0)") }.map { "--only \($0)" }
    }

    /// The whole change as one patch, paths relative to the git work tree.
    public func patch(project: Project) -> String {
        changed.map { UnifiedDiff.make(path: project.repositoryPath(of: $0.path), old: $0.original, new: $0.updated, edits: $0.edits) }.joined()
    }
}

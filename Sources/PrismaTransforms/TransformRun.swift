import CodemodCore
import Foundation
import SyntaxTree

/// One transform over a workspace, in memory: the outcome of every file.
public struct TransformRun: Sendable {
    public let transformID: String
    public let selection: Selection
    public let outcomes: [FileOutcome]

    public init(transformID: String, selection: Selection = Selection(), outcomes: [FileOutcome]) {
        self.transformID = transformID
        self.selection = selection
        self.outcomes = outcomes
    }

    public static func run(_ entry: TransformRegistry.Entry, workspace: Workspace, options: TransformOptions,
                           selection: Selection = Selection()) throws -> TransformRun {
        try entry.preflight(workspace.context, options)
        let transform = entry.make(workspace.context, options)
        let inverse = TransformRegistry.entry(entry.inverse)?.make(workspace.context, options)
        let engine = Engine()
        let prefilter = PrismaPrefilter(context: workspace.context)
        let outcomes = Parallel.map(count: workspace.files.count, stage: "editing") { index, parsers -> FileOutcome in
            let loaded = workspace.files[index]
            guard selection.mayAdmit(path: loaded.path) else {
                return FileOutcome(path: loaded.path, status: .unchanged, original: [], updated: [])
            }
            switch loaded.content {
            case .failure(let error):
                return FileOutcome(path: loaded.path, status: .failed, original: [], updated: [], error: error)
            case .success(let bytes):
                // Nothing there for any transform to change: not parsed.
                if !prefilter.mayConcernPrisma(bytes, path: loaded.path) {
                    return FileOutcome(path: loaded.path, status: .unchanged, original: [], updated: [])
                }
                var outcome = engine.run(transform, inverse: inverse, selection: selection, path: loaded.path, bytes: bytes, parsers: parsers)
                // Only a changed file's bytes are needed later (diff, journal): a run over many
                // files does not keep the others'.
                if !outcome.isChanged {
                    outcome.original = []
                    outcome.updated = []
                }
                return outcome
            }
        }
        return TransformRun(transformID: entry.id, selection: selection, outcomes: outcomes)
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

    /// Selectors that name a site this run changes or leaves with a reason.
    public var pendingSelectors: Set<Selector> { outcomes.reduce(into: Set()) { $0.formUnion($1.pending) } }

    /// Selectors that name only sites already as the transform leaves them: nothing to change.
    public var doneSelectors: Set<Selector> {
        outcomes.reduce(into: Set()) { $0.formUnion($1.done) }.subtracting(pendingSelectors)
    }

    /// The selectors that name no site at all, in either state: typos, or sites that are gone.
    public var unmatchedSelectors: [Selector] {
        let pending = pendingSelectors
        let done = doneSelectors
        return selection.selectors.filter { !pending.contains($0) && !done.contains($0) }
    }

    /// The whole change as one patch, paths relative to the git work tree.
    public func patch(project: Project) -> String {
        filePatches(project: project).map(\.text).joined()
    }

    /// Each changed file's diff with its line counts, paths relative to the git work tree.
    public func filePatches(project: Project) -> [UnifiedDiff.FilePatch] {
        changed.map {
            UnifiedDiff.file(path: project.repositoryPath(of: $0.path), old: $0.original, new: $0.updated, edits: $0.edits,
                             mode: UnifiedDiff.mode(ofFileAt: project.root.appendingPathComponent($0.path)))
        }
    }
}

import CodemodCore
import Foundation
import PrismaRules

/// The plan, phase by phase: the project's own `phases`, the sample backend's plan
/// (Rules/phases.yaml) when the project asks for it, or else the generic plan derived from it.
public enum Phases {
    /// The plan a project that names none follows: the sample plan's code phases that fit any
    /// backend, numbered from 1, each described by its transform and the project's helper name,
    /// and its connection-budget step in general words. Left out: code phases limited to the
    /// sample's own calls (`only`), and manual steps about the sample's files. `bareClient`
    /// repeated the sample's history, so a generic localize-client repeats the central
    /// module's construction instead.
    public static func generic(from sample: [Phase], configuration: PrismaConfiguration) -> [Phase] {
        let helper = configuration.retryHelper
        var phases: [Phase] = []
        for phase in sample {
            let id = phases.count + 1
            if let transform = phase.transform, phase.only.isEmpty {
                let (title, why) = genericText(transform: transform, helper: helper)
                phases.append(Phase(id: id, title: title, why: why, transform: transform, only: [],
                                    commitMessage: "prisma-codemod: phase \(id) - \(transform)", manual: nil,
                                    showsBudget: phase.showsBudget))
            } else if phase.transform == nil, phase.showsBudget {
                phases.append(Phase(
                    id: id, title: "Check the database's max_connections",
                    why: "Every PrismaClient opens a pool of its own; the pools together must fit under the server's limit.",
                    transform: nil, only: [], commitMessage: nil,
                    manual: """
                        On the database server: SHOW max_connections; and compare it with the budget below.
                        If the pools do not fit, lower connection_limit in the database URL or raise max_connections.
                        """,
                    showsBudget: true))
            }
        }
        return phases
    }

    /// A generic phase's title and reason, from its transform.
    private static func genericText(transform: String, helper: String) -> (title: String, why: String) {
        switch transform {
        case UnwrapRetries<Reads>.id:
            return ("Take \(helper) off reads", "Retrying reads under a full connection pool only adds load; without the retry they fail fast.")
        case LocalizeClient.id:
            return ("One PrismaClient per file", "Each file gets a client and a connection pool of its own; measure before keeping it.")
        default:
            return (transform, TransformRegistry.entry(transform)?.summary ?? "")
        }
    }

    public static func phase(_ id: Int, in configuration: PrismaConfiguration) throws -> Phase {
        guard let phase = configuration.phases.first(where: { $0.id == id }) else {
            let known = configuration.phases.map { "\($0.id)" }.joined(separator: ", ")
            throw CodemodError.selection("no phase \(id) in the rules (phases: \(known))")
        }
        return phase
    }

    /// The transform of a phase that rewrites code; manual phases have none.
    public static func transform(of phase: Phase) throws -> TransformRegistry.Entry {
        guard let id = phase.transform else {
            throw CodemodError.selection("phase \(phase.id) (\(phase.title)) is a manual step, not a code rewrite")
        }
        guard let entry = TransformRegistry.entry(id) else {
            throw CodemodError.configuration("phase \(phase.id) names an unknown transform '\(id)'")
        }
        return entry
    }

    /// The commit of a run: the phase's message (or a plain one for a bare transform)
    /// and a line with the counts.
    public static func commitRequest(phase: Phase?, transform: String, writes: [PlannedWrite], project: Project,
                                     allowDirty: Bool) -> CommitRequest {
        let sites = writes.reduce(0) { $0 + $1.sites.count }
        let summary = [phase?.title, "\(transform) changed \(sites) site(s) in \(writes.count) file(s)."]
            .compactMap { $0 }.joined(separator: ": ")
        return CommitRequest(project: project, subject: phase?.commitMessage ?? "prisma-codemod: \(transform)",
                             summary: summary, allowDirty: allowDirty)
    }

    /// What a phase would do now.
    public struct Preview: Sendable {
        public var phase: Phase
        public var run: TransformRun?
        /// Why the phase's transform cannot run on this project (its preflight failed).
        public var problem: String?
    }

    /// How many client instances a run adds to the connection budget: `localize-client` one
    /// per file it changes, `centralize-client` one fewer; the other transforms none.
    public static func instanceChange(of run: TransformRun) -> Int {
        instanceChange(transform: run.transformID, changedFiles: run.changed.count)
    }

    /// The same for a transform that changes `changedFiles` files (a saved plan's).
    public static func instanceChange(transform: String, changedFiles: Int) -> Int {
        switch transform {
        case LocalizeClient.id: return changedFiles
        case CentralizeClient.id: return -changedFiles
        default: return 0
        }
    }

    /// The budget `now` changed by `instances` more (or fewer) clients, same pool and limit.
    public static func budget(_ now: ConnectionBudget, changedBy instances: Int) -> ConnectionBudget {
        ConnectionBudget(instances: max(0, now.instances + instances), poolSize: now.poolSize, poolSizeSource: now.poolSizeSource,
                         maxConnections: now.maxConnections)
    }

    /// The budget once every phase up to `id` has run, in the plan's order, from the tree as it
    /// is now: phases already applied change nothing, so this is what applying the rest gives.
    public static func budget(after id: Int, previews: [Preview], now: ConnectionBudget) -> ConnectionBudget {
        let upTo = previews.prefix { $0.phase.id != id } + previews.filter { $0.phase.id == id }.prefix(1)
        return budget(now, changedBy: upTo.compactMap(\.run).reduce(0) { $0 + instanceChange(of: $1) })
    }

    /// Why a phase's runs change nothing, said instead of silence ("no notification.create
    /// call"), or nil when they change, leave or fail something, which the run summary names.
    /// A phase's own `only` that names no call is not a typo of the user's: nothing to do.
    public static func nothingToChange(_ phase: Phase, runs: [TransformRun]) -> String? {
        guard let id = runs.first?.transformID,
              runs.allSatisfy({ $0.changed.isEmpty && $0.skippedSites.isEmpty && $0.skippedFiles.isEmpty && $0.failed.isEmpty }) else { return nil }
        let named = runs.reduce(into: Set<Selector>()) { $0.formUnion($1.pendingSelectors.union($1.doneSelectors)) }
        var reasons = phase.only.filter { !named.contains(.only($0)) }.map { "no \($0) call" }
        let done = phase.only.filter { named.contains(.only($0)) }
        if !done.isEmpty { reasons.append("every \(done.joined(separator: ", ")) call is already as \(id) leaves it") }
        if phase.only.isEmpty { reasons.append("\(id) finds no site to change") }
        return "nothing to change for phase \(phase.id): " + reasons.joined(separator: "; ")
    }

    /// Every phase run in memory on the tree as it is now (each independently).
    public static func preview(_ workspace: Workspace) throws -> [Preview] {
        try workspace.configuration.phases.map { phase in
            guard phase.transform != nil else { return Preview(phase: phase, run: nil) }
            let entry = try transform(of: phase)
            do {
                return Preview(phase: phase, run: try TransformRun.run(entry, workspace: workspace, options: TransformOptions(bareClient: phase.bareClient),
                                                                       selection: Selection(only: phase.only)))
            } catch let error as CodemodError {
                return Preview(phase: phase, run: nil, problem: error.message)
            }
        }
    }
}

/// Undoing a phase: the inverse transform's candidates selected by the keys of exactly
/// the sites the phase changed. Unrelated edits and moved lines do not matter; a key that
/// names no candidate is reported and left, never guessed.
public struct RevertPlan: Sendable {
    public enum Source: Sendable, Equatable {
        case journal
        /// Git notes on this commit: a clone without the journal.
        case notes(commit: String)
    }

    public var record: PhaseRecord
    public var source: Source
    public var inverse: TransformRegistry.Entry

    /// The files the phase changed that still exist, root-relative.
    public var files: [String]
    /// Files the phase changed that are gone.
    public var missingFiles: [String]

    public var selection: Selection {
        Selection(keys: Dictionary(uniqueKeysWithValues: record.files.filter { files.contains($0.path) }.map { file in
            (file.path, Set(file.sites.compactMap(\.key)))
        }))
    }

    /// What the run recorded to put each file's sites back exactly, by root-relative path.
    public var restoreHints: [String: [RestoreHint]] {
        Dictionary(uniqueKeysWithValues: record.files.map { ($0.path, $0.sites.compactMap(\.restore)) }.filter { !$0.1.isEmpty })
    }

    /// What people call a key of this phase: the site's label where the record has it.
    public func label(of key: SiteKey, in path: String) -> String {
        record.files.first { $0.path == path }?.sites.first { $0.key == key }?.label ?? key.rawValue
    }

    /// The most recent applied run of the phase that no later revert undid: from the
    /// journal when it has one, else from the git notes of the newest phase commit.
    public static func make(phase: Int, journal: Journal, project: Project) throws -> RevertPlan {
        let runs = try journal.runs()
        let undone = Set(runs.filter { $0.kind == .revert && $0.status == .completed }.compactMap(\.undoes))
        if let run = runs.reversed().first(where: {
            $0.kind == .apply && $0.phase == phase && $0.status == .completed && !undone.contains($0.id)
        }) {
            return try RevertPlan(record: PhaseRecord(run: run), source: .journal, root: journal.root)
        }
        guard project.gitTopLevel != nil else {
            throw CodemodError.selection("the journal in \(journal.folder.path) has no applied run of phase \(phase) to revert, "
                                         + "and the project is not in git, where phase commits carry their sites as notes")
        }
        guard let commit = try PhaseNotes.newestCommit(phase: phase, excluding: undone, project: project) else {
            throw CodemodError.selection("no applied run of phase \(phase) to revert: neither the journal in \(journal.folder.path) "
                                         + "nor the history of HEAD has a commit with the trailer Codemod-Phase: \(phase) that was not reverted")
        }
        guard let record = try PhaseNotes.read(on: commit.commit, project: project) else {
            throw CodemodError.selection("commit \(commit.commit.prefix(12)) applied phase \(phase) (run \(commit.run)), but it has no note in "
                                         + "\(PhaseNotes.ref) naming its sites, and this clone has no journal of that run. Fetch the notes: "
                                         + "git fetch origin \(PhaseNotes.ref):\(PhaseNotes.ref). If they are fetched, the commit was rewritten "
                                         + "(amend, rebase) after the note was made; git carries notes across rewrites only with "
                                         + "`git config notes.rewriteRef \(PhaseNotes.ref)`")
        }
        return try RevertPlan(record: record, source: .notes(commit: commit.commit), root: project.root)
    }

    init(record: PhaseRecord, source: Source, root: URL) throws {
        guard let entry = TransformRegistry.entry(record.transform), let inverse = TransformRegistry.entry(entry.inverse) else {
            throw CodemodError.journal("run \(record.run) names no known transform ('\(record.transform)')")
        }
        for file in record.files where !Journal.isInsidePath(file.path) {
            throw CodemodError.journal("run \(record.run): path '\(file.path)' is outside the project root; refusing to use it")
        }
        if record.files.contains(where: { $0.sites.contains { $0.key == nil } }) {
            throw CodemodError.journal("run \(record.run) was journaled before sites had keys, so its sites cannot be found exactly; "
                                       + "restore its files with `prisma-codemod rollback --run \(record.run)` instead")
        }
        self.record = record
        self.source = source
        self.inverse = inverse
        let exists = { (path: String) in FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path) }
        files = record.files.map(\.path).filter(exists)
        missingFiles = record.files.map(\.path).filter { !exists($0) }
    }
}

import CodemodCore
import Foundation
import PrismaRules

/// The team's plan (Rules/phases.yaml or the repository's own), phase by phase.
public enum Phases {
    public static func phase(_ id: Int, in configuration: PrismaConfiguration) throws -> Phase {
        guard let phase = configuration.phases.first(where: { $0.id == id }) else {
            let known = configuration.phases.map { "\($0.id)" }.joined(separator: ", ")
            throw CodemodError.configuration("no phase \(id) in the rules (phases: \(known))")
        }
        return phase
    }

    /// The transform of a phase that rewrites code; manual phases have none.
    public static func transform(of phase: Phase) throws -> TransformRegistry.Entry {
        guard let id = phase.transform else {
            throw CodemodError.configuration("phase \(phase.id) (\(phase.title)) is a manual step, not a code rewrite")
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
    }

    /// The budget once the phase that localizes clients has run: one more instance per file it changes.
    public static func budgetAfterLocalizing(_ previews: [Preview], now: ConnectionBudget) -> (phase: Phase, budget: ConnectionBudget)? {
        guard let preview = previews.first(where: { $0.run?.transformID == LocalizeClient.id }),
              let run = preview.run, !run.changed.isEmpty else { return nil }
        return (preview.phase, ConnectionBudget(instances: now.instances + run.changed.count, poolSize: now.poolSize,
                                                poolSizeSource: now.poolSizeSource, maxConnections: now.maxConnections))
    }

    /// Every phase run in memory on the tree as it is now (each independently).
    public static func preview(_ workspace: Workspace) throws -> [Preview] {
        try workspace.configuration.phases.map { phase in
            guard phase.transform != nil else { return Preview(phase: phase, run: nil) }
            let entry = try transform(of: phase)
            return Preview(phase: phase, run: TransformRun.run(entry, workspace: workspace, options: TransformOptions(only: phase.only)))
        }
    }
}

/// Undoing a phase: the inverse transform at exactly the sites the phase changed,
/// found again by their line text so unrelated edits may have moved them.
public struct RevertPlan: Sendable {
    public var source: JournalRun
    public var inverse: TransformRegistry.Entry
    /// Files holding at least one site still as the phase left it.
    public var files: [String]
    public var addresses: [SiteAddress]
    /// Sites edited since the phase, left alone.
    public var lost: [(path: String, site: JournalSite)]

    /// The most recent completed run of the phase that no later revert undid.
    public static func make(phase: Int, journal: Journal) throws -> RevertPlan {
        let runs = try journal.runs()
        let undone = Set(runs.filter { $0.kind == .revert && $0.status == .completed }.compactMap(\.undoes))
        guard let source = runs.reversed().first(where: {
            $0.kind == .apply && $0.phase == phase && $0.status == .completed && !undone.contains($0.id)
        }) else {
            throw CodemodError.configuration("the journal in \(journal.folder.path) has no applied run of phase \(phase) to revert")
        }
        guard let transform = source.transform, let entry = TransformRegistry.entry(transform),
              let inverse = TransformRegistry.entry(entry.inverse) else {
            throw CodemodError.configuration("run \(source.id) names no known transform")
        }
        var plan = RevertPlan(source: source, inverse: inverse, files: [], addresses: [], lost: [])
        if inverse.wholeFile {
            // One client per file: the file is the site, whatever moved inside it.
            for file in source.files where FileManager.default.fileExists(atPath: journal.root.appendingPathComponent(file.path).path) {
                plan.files.append(file.path)
                plan.addresses.append(SiteAddress(path: file.path, line: 1))
            }
            return plan
        }
        for file in source.files {
            let text = FileManager.default.contents(atPath: journal.root.appendingPathComponent(file.path).path)
                .map { String(decoding: $0, as: UTF8.self) } ?? ""
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            var found = false
            var claimed = Set<Int>()
            for site in file.sites {
                guard let line = Self.locate(site, in: lines, excluding: claimed) else {
                    plan.lost.append((file.path, site))
                    continue
                }
                claimed.insert(line)
                plan.addresses.append(SiteAddress(path: file.path, line: line))
                found = true
            }
            if found { plan.files.append(file.path) }
        }
        return plan
    }

    /// The one line (1-based) holding the site now: same text, and the most of its
    /// surrounding lines still around it. Two equally good candidates are ambiguous:
    /// then the site is reported, never guessed.
    static func locate(_ site: JournalSite, in lines: [String], excluding claimed: Set<Int>) -> Int? {
        let candidates = lines.indices.filter { lines[$0] == site.lineText && !claimed.contains($0 + 1) }
        guard let context = site.context, !context.isEmpty else {
            return candidates.min { abs($0 + 1 - site.line) < abs($1 + 1 - site.line) }.map { $0 + 1 }
        }
        let radius = context.count / 2
        func score(_ index: Int) -> Int {
            context.indices.filter { offset in
                let row = index - radius + offset
                let text = row >= 0 && row < lines.count ? lines[row] : ""
                return text == context[offset]
            }.count
        }
        let scored = candidates.map { ($0, score($0)) }
        guard let best = scored.map(\.1).max() else { return nil }
        let top = scored.filter { $0.1 == best }
        guard top.count == 1, let index = top.first?.0 else { return nil }
        return index + 1
    }
}

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

    /// What a phase would do now.
    public struct Preview: Sendable {
        public var phase: Phase
        public var run: TransformRun?
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
        for file in source.files {
            let text = FileManager.default.contents(atPath: journal.root.appendingPathComponent(file.path).path)
                .map { String(decoding: $0, as: UTF8.self) } ?? ""
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\r")) }
            var found = false
            var claimed = Set<Int>()
            for site in file.sites {
                // The nearest line with the site's text that no other site took.
                let matches = lines.indices.filter { lines[$0] == site.lineText && !claimed.contains($0 + 1) }.map { $0 + 1 }
                guard let line = matches.min(by: { abs($0 - site.line) < abs($1 - site.line) }) else {
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
}

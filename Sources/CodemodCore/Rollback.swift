import Foundation

/// What a rollback would write, and the files it refuses, with reasons.
public struct RollbackPlan: Sendable {
    public var writes: [PlannedWrite] = []
    public var refused: [(path: String, reason: String)] = []
    /// The run being undone, for `rollback --run`.
    public var undoes: String?
}

/// Restores files from the journal, only where they still hold what a run wrote.
public enum Rollback {
    /// Each file back to its content before the most recent run that changed it.
    public static func files(_ paths: [String], journal: Journal, force: Bool) throws -> RollbackPlan {
        let runs = try journal.runs().reversed().filter(\.status.isInEffect)
        var plan = RollbackPlan()
        for path in paths {
            guard let current = FileManager.default.contents(atPath: journal.root.appendingPathComponent(path).path).map([UInt8].init) else {
                plan.refused.append((path, "cannot be read"))
                continue
            }
            let hash = sha256Hex(current)
            var chosen: (run: JournalRun, file: JournalFile)?
            for run in runs {
                guard let file = run.files.first(where: { $0.path == path }) else { continue }
                // An interrupted run that never reached this file did not change it.
                if run.status == .started, hash == file.before, hash != file.after { continue }
                chosen = (run, file)
                break
            }
            guard let (run, file) = chosen else {
                plan.refused.append((path, "no run in the journal changed it"))
                continue
            }
            guard let original = journal.original(of: file, in: run) else {
                plan.refused.append((path, Self.damagedCopy(run)))
                continue
            }
            if hash != file.after && !force {
                plan.refused.append((path, "it changed since run \(run.id) wrote it (sha256 \(hash.prefix(12)) ≠ \(file.after.prefix(12))); "
                                     + "pass --force to restore it anyway"))
                continue
            }
            plan.writes.append(PlannedWrite(path: path, original: current, updated: original, sites: []))
        }
        return plan
    }

    /// Every file of one run, also of a run that was interrupted half-way.
    public static func run(_ id: String, journal: Journal, force: Bool) throws -> RollbackPlan {
        let run = try journal.run(id: id)
        var plan = RollbackPlan(undoes: run.id)
        for file in run.files {
            let url = journal.root.appendingPathComponent(file.path)
            guard let current = FileManager.default.contents(atPath: url.path).map([UInt8].init) else {
                plan.refused.append((file.path, "cannot be read"))
                continue
            }
            guard let original = journal.original(of: file, in: run) else {
                plan.refused.append((file.path, Self.damagedCopy(run)))
                continue
            }
            let hash = sha256Hex(current)
            if hash == file.before { continue }  // never replaced, or already back
            if hash != file.after && !force {
                plan.refused.append((file.path, "it changed since run \(run.id) wrote it; pass --force to restore it anyway"))
                continue
            }
            plan.writes.append(PlannedWrite(path: file.path, original: current, updated: original, sites: []))
        }
        return plan
    }

    private static func damagedCopy(_ run: JournalRun) -> String {
        "the journal's copy of its content before run \(run.id) is damaged (missing, or not the bytes it recorded), so it cannot "
            + "be restored from the journal; "
            + "restore it from git (git checkout) or by hand"
    }

    /// Temporary files a crashed run left beside its targets.
    public static func removeStaleTemporaries(of run: JournalRun, journal: Journal) {
        let folders = Set(run.files.map { journal.root.appendingPathComponent($0.path).deletingLastPathComponent() })
        for folder in folders {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            where name.hasPrefix(".") && name.contains(".prisma-codemod-") && name.hasSuffix(".tmp") {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }
}

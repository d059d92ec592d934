import Foundation

/// Writing a run's changes: journaled, locked, all or nothing, optionally one git commit.
public enum Applier {
    /// The planned writes of the changed files, each with its sites as the journal keeps them.
    public static func writes(from outcomes: [FileOutcome]) -> [PlannedWrite] {
        outcomes.filter(\.isChanged).map { outcome in
            PlannedWrite(path: outcome.path, original: outcome.original, updated: outcome.updated, sites: outcome.sites.map {
                JournalSite(key: $0.key, label: $0.label, line: $0.after.line, column: $0.after.column, restore: $0.restoreHint)
            })
        }
    }

    /// Takes the project lock, journals the run and writes every file, or none. With a
    /// commit request, checks the repository and the targets first, then commits exactly
    /// the written files; returns the commit's id.
    @discardableResult
    public static func apply(_ writes: [PlannedWrite], run: JournalRun, journal: Journal,
                             commit: CommitRequest? = nil) throws -> (run: JournalRun, commit: String?) {
        var run = run
        if let commit {
            _ = try PhaseCommit.repository(of: commit.project)
            if !commit.allowDirty { try PhaseCommit.requireClean(writes.map(\.path), project: commit.project) }
        }
        guard !writes.isEmpty else { return (run, nil) }
        do {
            let lock = try RunLock(journal: journal)
            defer { withExtendedLifetime(lock) {} }
            if run.kind != .rollback { try refuseAfterInterruptedRun(journal) }
            try ignoreJournalInGit(journal)
            try ChangeWriter(journal: journal).write(writes, run: &run)
        }
        guard let commit else { return (run, nil) }
        let message = PhaseCommit.message(subject: commit.subject, summary: commit.summary, phase: run.phase, transform: run.transform,
                                          runID: run.id, undoes: run.undoes, toolVersion: run.toolVersion)
        let id = try PhaseCommit.commit(writes.map(\.path), message: message, project: commit.project)
        // A phase's sites go with its commit, so a clone without the journal can revert it.
        if run.kind == .apply, run.phase != nil { try PhaseNotes.write(PhaseRecord(run: run), on: id, project: commit.project) }
        return (run, id)
    }

    /// A run that died part-way left files half-applied: writing over them would bury that.
    static func refuseAfterInterruptedRun(_ journal: Journal) throws {
        let runs = try journal.runs()
        let undone = Set(runs.filter { $0.kind == .rollback && $0.status == .completed }.compactMap(\.undoes))
        // Superseded: every file it touched was written again by a later completed run.
        func superseded(_ run: JournalRun) -> Bool {
            run.files.allSatisfy { file in
                runs.contains { $0.id > run.id && $0.status == .completed && $0.files.contains { $0.path == file.path } }
            }
        }
        if let interrupted = runs.last(where: { $0.status == .started && !undone.contains($0.id) && !superseded($0) }) {
            throw CodemodError.journal("run \(interrupted.id) was interrupted part-way; restore its files with "
                                             + "`prisma-codemod rollback --run \(interrupted.id)` before applying anything else")
        }
    }

    /// The journal is the tool's state, not the project's: keep it out of `git status`.
    static func ignoreJournalInGit(_ journal: Journal) throws {
        let ignore = journal.folder.appendingPathComponent(".gitignore")
        if !FileManager.default.fileExists(atPath: ignore.path) {
            try Data("*\n".utf8).write(to: ignore)
        }
    }
}

/// What a run's commit says; trailers come from the run itself.
public struct CommitRequest: Sendable {
    public var project: Project
    public var subject: String
    public var summary: String
    public var allowDirty: Bool

    public init(project: Project, subject: String, summary: String, allowDirty: Bool) {
        self.project = project
        self.subject = subject
        self.summary = summary
        self.allowDirty = allowDirty
    }
}

/// One commit per phase, git run as a subprocess with an argument vector.
public enum PhaseCommit {
    /// The work tree's top folder; an error when the project is not in a git repository.
    public static func repository(of project: Project) throws -> URL {
        guard let top = project.gitTopLevel else {
            throw CodemodError.git("\(project.root.path) is not inside a git repository; --commit needs one (nothing was written)")
        }
        return top
    }

    /// The files among `paths` (root-relative) with uncommitted changes.
    public static func dirtyFiles(_ paths: [String], project: Project) throws -> [String] {
        let top = try repository(of: project)
        let repositoryPaths = paths.map { project.repositoryPath(of: $0) }
        let status = try Git.run(["status", "--porcelain", "-z", "--"] + repositoryPaths, in: top)
        guard status.status == 0 else { throw CodemodError.git("git status failed: \(status.errorText)") }
        let dirty = Set(status.output.split(separator: 0).compactMap { entry -> String? in
            let text = String(decoding: entry, as: UTF8.self)
            return text.count > 3 ? String(text.dropFirst(3)) : nil
        })
        return paths.filter { dirty.contains(project.repositoryPath(of: $0)) }
    }

    /// Refuses, before anything is written, when a file to change has uncommitted changes.
    public static func requireClean(_ paths: [String], project: Project) throws {
        let dirty = try dirtyFiles(paths, project: project)
        guard dirty.isEmpty else {
            throw CodemodError.git("uncommitted changes in files this would change: \(dirty.joined(separator: ", ")); "
                                             + "commit or stash them, or pass --allow-dirty. Nothing was written.")
        }
    }

    /// Stages exactly these files and commits them; returns the new commit's id.
    public static func commit(_ paths: [String], message: String, project: Project) throws -> String {
        let top = try repository(of: project)
        let repositoryPaths = paths.map { project.repositoryPath(of: $0) }
        let add = try Git.run(["add", "--"] + repositoryPaths, in: top)
        guard add.status == 0 else { throw CodemodError.git("git add failed: \(add.errorText)") }
        let commit = try Git.run(["commit", "--quiet", "--no-verify", "-F", "-", "--"] + repositoryPaths, in: top, input: Data(message.utf8))
        guard commit.status == 0 else { throw CodemodError.git("git commit failed: \(commit.errorText)\(commit.text)") }
        let head = try Git.run(["rev-parse", "HEAD"], in: top)
        return head.text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The phase's message, then a line of counts, then trailers naming phase, transform, run and tool.
    public static func message(subject: String, summary: String, phase: Int?, transform: String?, runID: String,
                               undoes: String? = nil, toolVersion: String) -> String {
        var trailers: [String] = []
        if let phase { trailers.append("Codemod-Phase: \(phase)") }
        if let transform { trailers.append("Codemod-Transform: \(transform)") }
        trailers.append("Codemod-Run: \(runID)")
        if let undoes { trailers.append("Codemod-Undoes: \(undoes)") }
        trailers.append("Codemod-Version: prisma-codemod \(toolVersion)")
        return "\(subject)\n\n\(summary)\n\n\(trailers.joined(separator: "\n"))\n"
    }
}

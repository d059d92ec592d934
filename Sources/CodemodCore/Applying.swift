import Foundation

/// Writing a run's changes: journaled, locked, all or nothing, optionally one git commit.
public enum Applier {
    /// The planned writes of the changed files, each with its sites as the journal keeps them.
    public static func writes(from outcomes: [FileOutcome]) -> [PlannedWrite] {
        outcomes.filter(\.isChanged).map { outcome in
            PlannedWrite(path: outcome.path, original: outcome.original,
                         replacement: outcome.storedUpdated.map { .bytes($0) } ?? .edits(outcome.edits), sites: outcome.sites.map {
                JournalSite(key: $0.key, label: $0.label, line: $0.after.line, column: $0.after.column, restore: $0.restoreHint)
            })
        }
    }

    /// Takes the project lock, journals the run and writes every file, or none. With a
    /// commit request, checks the repository, the git identity, the index lock and the
    /// targets before anything is written, then commits exactly the written files and
    /// returns the commit's id; if the commit still fails, the files are put back and the
    /// run rolled back. `completes`: for a rollback of a run, whether it restores all of it.
    ///
    /// `changedByHooks`: the files the commit hooks rewrote after they were written (a formatter
    /// run by lint-staged, say). The journal records them as committed, so that `rollback`
    /// still restores them from before the run without `--force`.
    @discardableResult
    public static func apply(_ writes: [PlannedWrite], run: JournalRun, journal: Journal, commit: CommitRequest? = nil,
                             completes: Bool = true) throws -> (run: JournalRun, commit: String?, changedByHooks: [String]) {
        var run = run
        if let commit { try PhaseCommit.preflight(writes.map(\.path), request: commit) }
        let lock = try ProjectLock(root: journal.root)
        defer { withExtendedLifetime(lock) {} }
        if run.kind != .rollback { try refuseAfterInterruptedRun(journal) }
        let undone = run.kind == .rollback && completes ? run.undoes : nil
        guard !writes.isEmpty else {
            // Every file is back already (say, an interrupted rollback restored them all): the run is undone.
            if let undone { try journal.settle(undoing: undone, by: nil) }
            return (run, nil, [])
        }
        try ignoreJournalInGit(journal)
        let interrupts = InterruptGuard()
        try ChangeWriter(journal: journal).write(writes, run: &run, interrupts: interrupts)
        if let undone { try journal.settle(undoing: undone, by: run.id) }
        if let signal = interrupts.received(settle: commit == nil) {
            let name = InterruptGuard.name(of: signal)
            if commit != nil {
                try restore(writes, of: run, journal: journal)
                throw CodemodError.interrupted(signal: signal, "interrupted by \(name) before the commit; every file was put back as it was "
                                               + "and run \(run.id) rolled back: nothing changed")
            }
            throw CodemodError.interrupted(signal: signal, "interrupted by \(name) while files were replaced; all \(writes.count) file(s) "
                                           + "were written first and journaled as run \(run.id) (`prisma-codemod rollback --run \(run.id)` undoes it)")
        }
        guard let commit else { return (run, nil, []) }
        let message = PhaseCommit.message(subject: commit.subject, summary: commit.summary, phase: run.phase, transform: run.transform,
                                          runID: run.id, undoes: run.undoes, toolVersion: run.toolVersion)
        let id: String
        do {
            id = try PhaseCommit.commit(writes.map(\.path), message: message, project: commit.project, verify: commit.verify)
        } catch {
            PhaseCommit.unstage(writes.map(\.path), project: commit.project)
            do {
                try restore(writes, of: run, journal: journal)
            } catch let restoreError {
                throw CodemodError.git("\(CodemodError(error, path: "git").message); putting the files back failed too "
                                       + "(\(CodemodError(restoreError, path: "journal").message)): `prisma-codemod rollback --run \(run.id)`")
            }
            throw CodemodError.git("\(CodemodError(error, path: "git").message); every file was put back as it was and run \(run.id) "
                                   + "rolled back: nothing changed")
        }
        let changedByHooks = try recordHookChanges(&run, journal: journal)
        // A commit of named paths leaves the index as it was before the hooks ran: for the
        // files they rewrote, it is made the commit's again, so `git status` shows nothing.
        if !changedByHooks.isEmpty { PhaseCommit.unstage(changedByHooks, project: commit.project) }
        // A phase's sites go with its commit, so a clone without the journal can revert it.
        if run.kind == .apply, run.phase != nil { try PhaseNotes.write(PhaseRecord(run: run), on: id, project: commit.project) }
        if let signal = interrupts.received(settle: true) {
            throw CodemodError.interrupted(signal: signal, "interrupted by \(InterruptGuard.name(of: signal)) after the commit \(id.prefix(12)); "
                                           + "run \(run.id) is complete")
        }
        return (run, id, changedByHooks)
    }

    /// The files that no longer hold what the run wrote once the commit hooks ran: their
    /// journaled state becomes what is there now, which the commit holds.
    private static func recordHookChanges(_ run: inout JournalRun, journal: Journal) throws -> [String] {
        var changed: [String] = []
        for index in run.files.indices {
            let url = journal.root.appendingPathComponent(run.files[index].path)
            guard let now = FileManager.default.contents(atPath: url.path).map({ sha256Hex([UInt8]($0)) }), now != run.files[index].after else {
                continue
            }
            run.files[index].after = now
            changed.append(run.files[index].path)
        }
        if !changed.isEmpty { try journal.record(run) }
        return changed
    }

    /// Puts back the files of a run that was just written (its commit failed, or it was
    /// interrupted before it), as a journaled rollback of it.
    private static func restore(_ writes: [PlannedWrite], of run: JournalRun, journal: Journal) throws {
        var undo = JournalRun(kind: .rollback, undoes: run.id, toolVersion: run.toolVersion)
        let back = writes.map { PlannedWrite(path: $0.path, original: $0.updated, updated: $0.original, sites: []) }
        try ChangeWriter(journal: journal).write(back, run: &undo)
        try journal.settle(undoing: run.id, by: undo.id)
    }

    /// A run that died part-way left files half-applied: writing over them would bury that.
    /// A damaged journal entry says nothing of its run: it is set aside first.
    static func refuseAfterInterruptedRun(_ journal: Journal) throws {
        if let problem = journal.readableRuns().problems.first { throw problem }
        guard let interrupted = try journal.interruptedRuns().last else { return }
        let replaced = interrupted.files.filter { file in
            let current = FileManager.default.contents(atPath: journal.root.appendingPathComponent(file.path).path).map { sha256Hex([UInt8]($0)) }
            return current == file.after && file.after != file.before
        }.count
        throw CodemodError.journal("run \(interrupted.id) was interrupted part-way (\(replaced) of \(interrupted.files.count) file(s) replaced); "
                                   + "restore its files with `prisma-codemod rollback --run \(interrupted.id)` before applying anything else")
    }

    /// The journal is the tool's state, not the project's: keep it out of `git status`.
    static func ignoreJournalInGit(_ journal: Journal) throws {
        try Journal.createPrivateFolder(journal.folder)
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
    /// Run the repository's commit hooks (false: the user passed --no-verify).
    public var verify: Bool

    public init(project: Project, subject: String, summary: String, allowDirty: Bool, verify: Bool = true) {
        self.project = project
        self.subject = subject
        self.summary = summary
        self.allowDirty = allowDirty
        self.verify = verify
    }
}

/// One commit per phase, git run as a subprocess with an argument vector.
public enum PhaseCommit {
    /// The work tree's top folder; an error when the project is not in a git repository.
    public static func repository(of project: Project) throws -> URL {
        if let problem = project.gitProblem { throw CodemodError.git("--commit needs git: \(problem). Nothing was written.") }
        guard let top = project.gitTopLevel else {
            throw CodemodError.git("\(project.root.path) is not inside a git repository; --commit needs one (nothing was written)")
        }
        return top
    }

    /// Everything a commit needs, checked before any file is written: a repository, an
    /// identity git will commit with, no other git process holding the index, clean targets.
    public static func preflight(_ paths: [String], request: CommitRequest) throws {
        let top = try repository(of: request.project)
        let identity = try Git.run(["var", "GIT_COMMITTER_IDENT"], in: top)
        let author = try Git.run(["var", "GIT_AUTHOR_IDENT"], in: top)
        guard identity.status == 0, author.status == 0 else {
            let reason = (identity.status != 0 ? identity.errorText : author.errorText).split(separator: "\n").last.map(String.init) ?? ""
            throw CodemodError.git("--commit needs a git identity, and git has none here (\(reason.trimmingCharacters(in: .whitespaces))); "
                                   + "set user.name and user.email (git config) first. Nothing was written.")
        }
        let gitDirectory = try Git.run(["rev-parse", "--absolute-git-dir"], in: top)
        let indexLock = gitDirectory.text.trimmingCharacters(in: .whitespacesAndNewlines) + "/index.lock"
        if gitDirectory.status == 0, FileManager.default.fileExists(atPath: indexLock) {
            throw CodemodError.git("\(indexLock) exists: another git process is running, or one crashed; when none is running, "
                                   + "remove that file. Nothing was written.")
        }
        if !request.allowDirty { try requireClean(paths, project: request.project) }
    }

    /// Takes the files back out of the index after a failed commit.
    static func unstage(_ paths: [String], project: Project) {
        guard let top = project.gitTopLevel else { return }
        _ = try? Git.run(["reset", "-q", "--"] + paths.map { project.repositoryPath(of: $0) }, in: top)
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

    /// Stages exactly these files and commits them, through the repository's hooks unless
    /// `verify` is false; returns the new commit's id.
    public static func commit(_ paths: [String], message: String, project: Project, verify: Bool = true) throws -> String {
        let top = try repository(of: project)
        let repositoryPaths = paths.map { project.repositoryPath(of: $0) }
        let add = try Git.run(["add", "--"] + repositoryPaths, in: top)
        guard add.status == 0 else { throw CodemodError.git("git add failed: \(add.errorText)") }
        let commit = try Git.run(["commit", "--quiet"] + (verify ? [] : ["--no-verify"]) + ["-F", "-", "--"] + repositoryPaths,
                                 in: top, input: Data(message.utf8))
        guard commit.status == 0 else {
            let output = (commit.errorText + commit.text).trimmingCharacters(in: .whitespacesAndNewlines)
            let hooks = verify ? refusingHooks(in: top) : []
            if hooks.isEmpty { throw CodemodError.git("git commit failed (exit \(commit.status)): \(output)") }
            // git says nothing of its own when a hook refuses: the hook's output is all there is.
            throw CodemodError.git("git commit was refused by the repository's \(hooks.joined(separator: " or ")) hook (exit \(commit.status))"
                                   + (output.isEmpty ? "" : "; its output:\n\(output)\n") + "(fix what it reports, or pass --no-verify to skip the hooks)")
        }
        let head = try Git.run(["rev-parse", "HEAD"], in: top)
        return head.text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The hooks that can refuse a commit and are installed: in `core.hooksPath` (husky) or `.git/hooks`.
    static func refusingHooks(in top: URL) -> [String] {
        guard let result = try? Git.run(["rev-parse", "--git-path", "hooks"], in: top), result.status == 0 else { return [] }
        let configured = (try? Git.run(["config", "core.hooksPath"], in: top)).flatMap { $0.status == 0 ? $0.text : nil }
        let path = (configured ?? result.text).trimmingCharacters(in: .whitespacesAndNewlines)
        let folder = path.hasPrefix("/") ? URL(fileURLWithPath: path) : top.appendingPathComponent(path)
        return ["pre-commit", "prepare-commit-msg", "commit-msg"].filter {
            FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent($0).path)
        }
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

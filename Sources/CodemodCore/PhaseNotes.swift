import Foundation

/// What a phase commit changed, by site key: kept in the journal and, for a clone that has
/// no journal, in git notes on the phase's commit (`refs/notes/prisma-codemod`).
public struct PhaseRecord: Codable, Equatable, Sendable {
    public struct File: Codable, Equatable, Sendable {
        /// Relative to the project root.
        public var path: String
        public var sites: [JournalSite]
    }

    public var version = 1
    public var run: String
    public var phase: Int?
    public var transform: String
    public var files: [File]

    public init(run: JournalRun) {
        self.run = run.id
        phase = run.phase
        transform = run.transform ?? ""
        files = run.files.map { File(path: $0.path, sites: $0.sites) }
    }
}

/// Phase records as git notes, and phase commits found by their trailers.
public enum PhaseNotes {
    public static let ref = "refs/notes/prisma-codemod"

    /// Attaches the record to a commit (replacing an earlier note of this tool there).
    public static func write(_ record: PhaseRecord, on commit: String, project: Project) throws {
        let top = try PhaseCommit.repository(of: project)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(record)
        let result = try Git.run(["notes", "--ref", ref, "add", "-f", "-F", "-", commit], in: top, input: data)
        guard result.status == 0 else { throw CodemodError.git("git notes add failed: \(result.errorText)") }
    }

    /// A commit that applied a phase, as its trailers name it.
    public struct PhaseCommitInfo: Sendable {
        public var commit: String
        public var run: String
        public var phase: Int
    }

    /// The newest commit of `phase` whose run is not in `undone` and that is no revert itself.
    public static func newestCommit(phase: Int, excluding undone: Set<String>, project: Project) throws -> PhaseCommitInfo? {
        let top = try PhaseCommit.repository(of: project)
        let log = try Git.run(["log", "-z", "--format=%H%n%B", "HEAD"], in: top)
        guard log.status == 0 else { throw CodemodError.git("git log failed: \(log.errorText)") }
        var undone = undone
        var found: PhaseCommitInfo?
        // Newest first: a revert is seen before the phase commit it undid.
        for entry in log.output.split(separator: 0) {
            let lines = String(decoding: entry, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard let commit = lines.first else { continue }
            let trailers = Self.trailers(lines.dropFirst())
            if let reverted = trailers["Codemod-Undoes"] {
                undone.insert(reverted)
                continue
            }
            guard found == nil, trailers["Codemod-Phase"].flatMap(Int.init) == phase, let run = trailers["Codemod-Run"],
                  !undone.contains(run) else { continue }
            found = PhaseCommitInfo(commit: commit, run: run, phase: phase)
        }
        return found
    }

    /// The record on a commit, or nil when the commit has no note of this tool.
    public static func read(on commit: String, project: Project) throws -> PhaseRecord? {
        let top = try PhaseCommit.repository(of: project)
        let result = try Git.run(["notes", "--ref", ref, "show", commit], in: top)
        guard result.status == 0 else { return nil }
        do {
            return try JSONDecoder().decode(PhaseRecord.self, from: result.output)
        } catch {
            throw CodemodError.git("the note on \(commit.prefix(12)) in \(ref) is not a prisma-codemod phase record (\(error.localizedDescription))")
        }
    }

    static func trailers(_ lines: ArraySlice<String>) -> [String: String] {
        var trailers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":"), line.hasPrefix("Codemod-") else { continue }
            trailers[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return trailers
    }
}

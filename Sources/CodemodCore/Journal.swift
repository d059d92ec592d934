import Crypto
import Foundation

/// Lowercase hex SHA-256 of bytes.
public func sha256Hex(_ bytes: [UInt8]) -> String {
    Fingerprint.hex(SHA256.hash(data: bytes))
}

/// One recorded run: everything needed to undo it, written before any file is replaced.
public struct JournalRun: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable { case apply, rollback, revert }

    /// Where a run stands. Each state is entered in one place:
    /// - `started`: recorded before the first file is replaced (`ChangeWriter`); a run still
    ///   `started` afterwards was interrupted, and `rollback --run` is the one way out.
    /// - `completed`: every file replaced (`ChangeWriter`).
    /// - `restored`: it failed part-way and put every file back itself (`ChangeWriter`); no effect.
    /// - `rolledBack`: a later rollback restored all its files (`Journal.settle`).
    /// - `superseded`: interrupted, and a later run finished the same job (`Journal.settle`):
    ///   a rollback of the same run that completed.
    public enum Status: String, Codable, Sendable {
        case started, completed, restored
        case rolledBack = "rolled-back"
        case superseded

        /// Its edits are in the tree (all of them, or some: interrupted).
        public var isInEffect: Bool { self == .started || self == .completed }
    }

    /// 2: the files' original bytes are in `originals/<id>`, not in the entry (version 1, base64).
    public var version = 2
    public var id: String
    public var time: String
    public var kind: Kind
    public var transform: String?
    public var phase: Int?
    public var only: [String] = []
    /// For a revert or a rollback of a whole run: the run it undid.
    public var undoes: String?
    public var toolVersion: String
    public var status: Status = .started
    public var files: [JournalFile] = []

    public init(id: String = JournalRun.newID(), kind: Kind, transform: String? = nil, phase: Int? = nil,
                only: [String] = [], undoes: String? = nil, toolVersion: String) {
        self.id = id
        self.time = ISO8601DateFormatter().string(from: Date())
        self.kind = kind
        self.transform = transform
        self.phase = phase
        self.only = only
        self.undoes = undoes
        self.toolVersion = toolVersion
    }

    /// Sortable by time, to the millisecond: `20261127T133600123Z-1a2b3c`.
    public static func newID() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmssSSS'Z'"
        return formatter.string(from: Date()) + "-" + String(format: "%06x", UInt32.random(in: 0..<0xFFFFFF))
    }
}

/// One file of a run.
public struct JournalFile: Codable, Equatable, Sendable {
    /// Relative to the project root.
    public var path: String
    public var before: String
    public var after: String
    public var sites: [JournalSite]
    /// Where the bytes before the run lie in the run's originals file (`originals/<run id>`).
    public var originalOffset: Int?
    public var originalLength: Int?
    /// The bytes before the run, base64, in entries of version 1 (read, never written).
    public var original: String?

    public init(path: String, before: String, after: String, sites: [JournalSite], originalAt range: Range<Int>?) {
        self.path = path
        self.before = before
        self.after = after
        self.sites = sites
        self.originalOffset = range?.lowerBound
        self.originalLength = range?.count
    }
}

/// A changed site as the journal keeps it: its key, which a later revert selects the
/// inverse transform's candidates by, and its place in the new text for people.
public struct JournalSite: Codable, Equatable, Sendable {
    /// Nil in runs journaled before site keys existed: those cannot be reverted by key.
    public var key: SiteKey?
    public var label: String
    public var line: Int
    public var column: Int
    /// What the inverse needs to put the site back exactly (say, the retry helper taken off).
    public var restore: RestoreHint?

    public init(key: SiteKey?, label: String, line: Int, column: Int, restore: RestoreHint? = nil) {
        self.key = key
        self.label = label
        self.line = line
        self.column = column
        self.restore = restore
    }
}

/// The runs under `.prisma-codemod/` at the target root.
public struct Journal: Sendable {
    public static let defaultFolderName = ".prisma-codemod"
    public let root: URL
    public let folder: URL

    public init(root: URL, folder: URL? = nil) {
        self.root = root
        self.folder = folder ?? root.appendingPathComponent(Self.defaultFolderName)
    }

    var runsFolder: URL { folder.appendingPathComponent("runs") }
    var originalsFolder: URL { folder.appendingPathComponent("originals") }

    /// Streams each file's bytes before the run into the run's originals file, one after the
    /// other, and flushes it to disk: written before the entry that points into it, so a run
    /// recorded `started` can always be put back. Nothing is held but one file at a time.
    public func recordOriginals(of writes: [PlannedWrite], run id: String) throws -> [JournalFile] {
        guard Self.isRunID(id) else { throw CodemodError.journal("'\(id)' is not a run id") }
        try Self.createPrivateFolder(folder)
        try Self.createPrivateFolder(originalsFolder)
        let url = originalsFolder.appendingPathComponent(id)
        let display = "journal originals \(id)"
        unlink(url.path)  // a file a failed attempt of this same run left behind
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw CodemodError.write(path: display, reason: String(cString: strerror(errno))) }
        var closed = false
        var complete = false
        defer {
            if !closed { close(descriptor) }
            if !complete { unlink(url.path) }  // a part written is no copy of anything
        }
        // The hashes (and the new text they need) on all cores; the copies in file order.
        let hashes = Parallel.map(count: writes.count) { index, _ in (sha256Hex(writes[index].original), sha256Hex(writes[index].updated)) }
        var files: [JournalFile] = []
        files.reserveCapacity(writes.count)
        var offset = 0
        for (write, hash) in zip(writes, hashes) {
            if let errorNumber = AtomicWriter.writeAll(write.original, to: descriptor) {
                throw CodemodError.write(path: display, reason: String(cString: strerror(errorNumber)))
            }
            files.append(JournalFile(path: write.path, before: hash.0, after: hash.1,
                                     sites: write.sites, originalAt: offset..<(offset + write.original.count)))
            offset += write.original.count
        }
        guard fsync(descriptor) == 0 else { throw CodemodError.write(path: display, reason: String(cString: strerror(errno))) }
        closed = true
        guard close(descriptor) == 0 else { throw CodemodError.write(path: display, reason: String(cString: strerror(errno))) }
        AtomicWriter.syncDirectory(originalsFolder.path)
        complete = true
        return files
    }

    /// The bytes `file` held before `run`, nil when the journal's copy is missing or is not
    /// what the run recorded (its hash differs).
    public func original(of file: JournalFile, in run: JournalRun) -> [UInt8]? {
        if let legacy = file.original { return Data(base64Encoded: legacy).map { [UInt8]($0) } }
        guard let offset = file.originalOffset, let length = file.originalLength, offset >= 0, length >= 0,
              let handle = FileHandle(forReadingAtPath: originalsFolder.appendingPathComponent(run.id).path) else { return nil }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: UInt64(offset))) != nil,
              let data = try? handle.read(upToCount: length) ?? Data() else { return nil }
        let bytes = [UInt8](data)
        return bytes.count == length && sha256Hex(bytes) == file.before ? bytes : nil
    }
    var damagedFolder: URL { folder.appendingPathComponent("damaged") }

    /// The journal holds copies of source files: only their owner may read it (0700 folders, 0600 files).
    public static func createPrivateFolder(_ url: URL) throws {
        var path = ""
        for component in url.standardizedFileURL.path.split(separator: "/") {
            path += "/" + component
            var info = stat()
            if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { continue }
            // The folder as the system names the problem: `…/package.json/journal: Not a directory`.
            if mkdir(path, 0o700) != 0, errno != EEXIST {
                throw CodemodError.journal("\(url.path): \(String(cString: strerror(errno)))")
            }
        }
        _ = chmod(url.path, 0o700)
    }

    /// Writes (or rewrites) a run durably: temp file, fsync, rename.
    public func record(_ run: JournalRun) throws {
        guard Self.isRunID(run.id) else { throw CodemodError.journal("'\(run.id)' is not a run id") }
        try Self.createPrivateFolder(folder)
        try Self.createPrivateFolder(runsFolder)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(run)
        try AtomicWriter.write([UInt8](data), to: runsFolder.appendingPathComponent("\(run.id).json"), displayPath: "journal \(run.id)",
                               mode: 0o600)
    }

    /// What a finished rollback changes in the runs before it: a completed rollback of run A
    /// rolls A back (and puts the run A itself undid back in effect), and supersedes every
    /// interrupted rollback of A, whose job it finished. Called under the project lock.
    /// `by`: the completed rollback (nil when there was nothing left to restore).
    public func settle(undoing undone: String, by rollback: String?) throws {
        var runs = try self.runs()
        guard let target = runs.firstIndex(where: { $0.id == undone }) else { return }
        var changed: [Int] = []
        if runs[target].status.isInEffect {
            runs[target].status = .rolledBack
            changed.append(target)
        }
        if runs[target].kind == .rollback, let earlier = runs[target].undoes,
           let index = runs.firstIndex(where: { $0.id == earlier }), runs[index].status == .rolledBack {
            runs[index].status = .completed
            changed.append(index)
        }
        for index in runs.indices where runs[index].id != rollback && runs[index].kind == .rollback
            && runs[index].undoes == undone && runs[index].status == .started {
            runs[index].status = .superseded
            changed.append(index)
        }
        for index in changed { try record(runs[index]) }
    }

    /// The runs still `started` that nothing finished: each was interrupted part-way.
    public func interruptedRuns() throws -> [JournalRun] {
        let runs = try self.runs()
        // Legacy journals: a run whose every file a later completed run wrote again is done with.
        func rewritten(_ run: JournalRun) -> Bool {
            run.files.allSatisfy { file in
                runs.contains { $0.id > run.id && $0.status == .completed && $0.files.contains { $0.path == file.path } }
            }
        }
        return runs.filter { $0.status == .started && !rewritten($0) }
    }

    /// Moves damaged entries (unreadable, truncated, unknown version) out of the way into
    /// `damaged/`, so they block nothing; returns the names moved.
    public func setAsideDamaged() throws -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: runsFolder.path) else { return [] }
        var moved: [String] = []
        for name in names.filter({ $0.hasSuffix(".json") }).sorted() {
            let url = runsFolder.appendingPathComponent(name)
            guard (try? load(url, name: name)) == nil else { continue }
            try Self.createPrivateFolder(damagedFolder)
            let destination = damagedFolder.appendingPathComponent(name)
            if rename(url.path, destination.path) != 0 {
                throw CodemodError.journal("cannot move \(url.path) to \(destination.path): \(String(cString: strerror(errno)))")
            }
            moved.append(name)
        }
        return moved
    }

    /// Every run, oldest first. A run with an unknown version or a path outside the root is an error.
    public func runs() throws -> [JournalRun] {
        let (runs, problems) = readableRuns()
        if let problem = problems.first { throw problem }
        return runs
    }

    /// Every readable run, and the problems of the others: for listing, not for writing.
    public func readableRuns() -> (runs: [JournalRun], problems: [CodemodError]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: runsFolder.path) else { return ([], []) }
        var runs: [JournalRun] = []
        var problems: [CodemodError] = []
        for name in names.filter({ $0.hasSuffix(".json") }).sorted() {
            do {
                runs.append(try load(runsFolder.appendingPathComponent(name), name: name))
            } catch let error as CodemodError {
                problems.append(error)
            } catch {
                problems.append(.journal("journal \(name): \(error)"))
            }
        }
        return (runs, problems)
    }

    /// The run a user names: its whole id, a prefix of exactly one id, or `latest`.
    public func run(id reference: String) throws -> JournalRun {
        let id = try resolve(reference)
        guard let run = try runs().first(where: { $0.id == id }) else {
            throw CodemodError.selection("no run \(id) in \(folder.path); see `prisma-codemod history`")
        }
        return run
    }

    /// The id a user's reference names: a whole run id, a prefix of exactly one (ids begin
    /// with their time, so `20261201T1133` will do), or `latest` for the newest run. Read
    /// from the entries' names, so a damaged entry still counts against an ambiguous prefix.
    public func resolve(_ reference: String) throws -> String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: runsFolder.path)) ?? []
        let ids = names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.filter(Self.isRunID).sorted()
        if reference == "latest" {
            guard let newest = ids.last else { throw CodemodError.selection("no runs in \(folder.path) yet, so there is no latest run") }
            return newest
        }
        guard Self.isRunID(reference) else {
            throw CodemodError.selection("'\(reference)' is not a run id (like 20261201T113345482Z-b640e7), a prefix of one, or `latest`; "
                                         + "see `prisma-codemod history`")
        }
        if ids.contains(reference) { return reference }
        let matches = ids.filter { $0.hasPrefix(reference) }
        guard matches.count <= 1 else {
            let shown = matches.suffix(10).joined(separator: ", ")
            throw CodemodError.selection("'\(reference)' names \(matches.count) runs: \(matches.count > 10 ? "…, " : "")\(shown); "
                                         + "type more of the id")
        }
        guard let id = matches.first else {
            throw CodemodError.selection("no run \(reference) in \(folder.path); see `prisma-codemod history`")
        }
        return id
    }

    func load(_ url: URL, name: String) throws -> JournalRun {
        let display = "journal \(name)"
        guard let data = try? Data(contentsOf: url) else {
            throw CodemodError.journal("\(display) (\(url.path)): cannot be read; `prisma-codemod history --repair` sets it aside")
        }
        struct Versioned: Decodable { var version: Int }
        guard let versioned = try? JSONDecoder().decode(Versioned.self, from: data) else {
            throw CodemodError.journal("\(display) (\(url.path)): damaged or not a prisma-codemod journal entry; "
                                       + "`prisma-codemod history --repair` sets it aside")
        }
        guard versioned.version == 1 || versioned.version == 2 else {
            throw CodemodError.journal("\(display): journal version \(versioned.version) is not supported (expected 1 or 2)")
        }
        let run: JournalRun
        do {
            run = try JSONDecoder().decode(JournalRun.self, from: data)
        } catch {
            throw CodemodError.journal("\(display) (\(url.path)): damaged (\(error.localizedDescription)); "
                                       + "`prisma-codemod history --repair` sets it aside")
        }
        guard Self.isRunID(run.id), name == run.id + ".json" else {
            throw CodemodError.journal("\(display) (\(url.path)): its run id '\(run.id)' does not name this entry; refusing to use it")
        }
        for file in run.files where !Self.isInsidePath(file.path) {
            throw CodemodError.journal("\(display): path '\(file.path)' is outside the project root; refusing to use this entry")
        }
        return run
    }

    /// A run id is one plain name: letters, digits, `-`, `_`, `.` (never `..`), so it can
    /// name a file in `runs/` and nothing else.
    public static func isRunID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 100 && !id.hasPrefix(".")
            && id.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII || "-_.".unicodeScalars.contains($0) }
    }

    public static func isInsidePath(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/").contains("..") && !path.contains("\0")
    }
}

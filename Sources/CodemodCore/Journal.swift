import Crypto
import Foundation

/// Lowercase hex SHA-256 of bytes.
public func sha256Hex(_ bytes: [UInt8]) -> String {
    SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
}

/// One recorded run: everything needed to undo it, written before any file is replaced.
public struct JournalRun: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable { case apply, rollback, revert }
    /// `started` until every file is in place; a run still `started` was interrupted.
    public enum Status: String, Codable, Sendable { case started, completed, restored }

    public var version = 1
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
    /// The bytes before the run, base64.
    public var original: String

    public init(path: String, original: [UInt8], updated: [UInt8], sites: [JournalSite]) {
        self.path = path
        self.before = sha256Hex(original)
        self.after = sha256Hex(updated)
        self.sites = sites
        self.original = Data(original).base64EncodedString()
    }

    public var originalBytes: [UInt8]? { Data(base64Encoded: original).map { [UInt8]($0) } }
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

    /// Writes (or rewrites) a run durably: temp file, fsync, rename.
    public func record(_ run: JournalRun) throws {
        try FileManager.default.createDirectory(at: runsFolder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(run)
        try AtomicWriter.write([UInt8](data), to: runsFolder.appendingPathComponent("\(run.id).json"), displayPath: "journal \(run.id)")
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

    public func run(id: String) throws -> JournalRun {
        guard let run = try runs().first(where: { $0.id == id }) else {
            throw CodemodError.selection("no run \(id) in \(folder.path); see `prisma-codemod history`")
        }
        return run
    }

    func load(_ url: URL, name: String) throws -> JournalRun {
        let display = "journal \(name)"
        guard let data = try? Data(contentsOf: url) else { throw CodemodError.journal("\(display): cannot be read") }
        struct Versioned: Decodable { var version: Int }
        guard let versioned = try? JSONDecoder().decode(Versioned.self, from: data) else {
            throw CodemodError.journal("\(display): not a prisma-codemod journal entry")
        }
        guard versioned.version == 1 else {
            throw CodemodError.journal("\(display): journal version \(versioned.version) is not supported (expected 1)")
        }
        let run: JournalRun
        do {
            run = try JSONDecoder().decode(JournalRun.self, from: data)
        } catch {
            throw CodemodError.journal("\(display): malformed (\(error.localizedDescription))")
        }
        for file in run.files where !Self.isInsidePath(file.path) {
            throw CodemodError.journal("\(display): path '\(file.path)' is outside the project root; refusing to use this entry")
        }
        return run
    }

    public static func isInsidePath(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/").contains("..") && !path.contains("\0")
    }
}

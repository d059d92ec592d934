import CodemodCore
import Foundation
import SyntaxTree

/// The exact edits of a dry run, locked to each file's content by sha256:
/// `diff --save-plan FILE` writes it, `apply --plan FILE` applies exactly it.
///
/// A plan is never trusted: applying it runs its transform again on the files as they are,
/// at the sites it names, and writes only when that gives exactly the plan's edits. The
/// hashes then only say that a file changed since; edits that were changed by hand (with a
/// matching hash or not) are refused, and what is journaled is what the tool computed.
public struct SavedPlan: Codable, Equatable, Sendable {
    public struct Replacement: Codable, Equatable, Sendable {
        public var start: Int
        public var end: Int
        public var text: String
    }

    public struct File: Codable, Equatable, Sendable {
        public var path: String
        public var before: String
        public var after: String
        public var edits: [Replacement]
        public var sites: [JournalSite]
    }

    public var version = 1
    public var transform: String
    public var phase: Int?
    public var only: [String]
    /// The options and central module the plan was made with, to run it again alike
    /// (absent in plans of earlier versions: then as by default).
    public var force: Bool?
    public var allowLossy: Bool?
    public var centralModule: String?
    public var files: [File]
    /// The plan file as the user named it (set by `load`), for messages.
    public var source: String?

    enum CodingKeys: String, CodingKey { case version, transform, phase, only, force, allowLossy, centralModule, files }

    public init(run: TransformRun, phase: Int?, only: [String], options: TransformOptions, centralModule: String?) {
        transform = run.transformID
        self.phase = phase
        self.only = only
        force = options.force
        allowLossy = options.allowLossy
        self.centralModule = centralModule
        files = Applier.writes(from: run.outcomes).map { write in
            let outcome = run.changed.first { $0.path == write.path }
            return File(path: write.path, before: sha256Hex(write.original), after: sha256Hex(write.updated),
                        edits: (outcome?.edits ?? []).map {
                            Replacement(start: $0.range.lowerBound, end: $0.range.upperBound,
                                        text: String(decoding: $0.replacement, as: UTF8.self))
                        },
                        sites: write.sites)
        }
    }

    /// Reads and checks a plan file; anything malformed is an error naming the file.
    public static func load(_ url: URL, displayPath: String) throws -> SavedPlan {
        guard let data = try? Data(contentsOf: url) else { throw CodemodError.configuration("plan file cannot be read", file: displayPath) }
        func damaged(_ reason: String) -> CodemodError {
            .configuration("not a usable prisma-codemod plan: \(reason); nothing was written. Make a new plan with diff --save-plan",
                           file: displayPath)
        }
        var plan: SavedPlan
        do {
            plan = try JSONDecoder().decode(SavedPlan.self, from: data)
            plan.source = displayPath
        } catch let error as DecodingError {
            throw damaged(describe(error))
        } catch {
            throw damaged("not JSON")
        }
        guard plan.version == 1 else { throw CodemodError.configuration("plan version \(plan.version) is not supported", file: displayPath) }
        guard TransformRegistry.entry(plan.transform) != nil else {
            throw CodemodError.configuration("the plan names an unknown transform '\(plan.transform)'", file: displayPath)
        }
        var seen = Set<String>()
        for file in plan.files {
            guard Journal.isInsidePath(file.path) else {
                throw CodemodError.configuration("path '\(file.path)' is outside the project root", file: displayPath)
            }
            guard seen.insert(file.path).inserted else { throw damaged("\(file.path) is listed twice") }
            guard isSHA256(file.before), isSHA256(file.after) else { throw damaged("\(file.path): before and after must be sha256 digests") }
            for edit in file.edits where edit.start < 0 || edit.end < edit.start {
                throw damaged("\(file.path): the edit range \(edit.start)..<\(edit.end) is not a byte range")
            }
            guard !file.sites.isEmpty, file.sites.allSatisfy({ $0.key != nil }) else {
                throw damaged("\(file.path): every changed file needs its sites, each with a key")
            }
        }
        return plan
    }

    /// The writes, after running the transform again: nothing is written if any file changed
    /// since the plan was made, or if the transform no longer makes exactly the plan's edits.
    public func writes(root: URL) throws -> [PlannedWrite] {
        var stale: [String] = []
        for file in files {
            let bytes = FileManager.default.contents(atPath: root.appendingPathComponent(file.path).path).map([UInt8].init)
            if bytes.map(sha256Hex) != file.before { stale.append(file.path) }
        }
        if !stale.isEmpty {
            throw CodemodError.configuration("changed since the plan was made: \(stale.joined(separator: ", ")); nothing was written. Make a new plan.",
                                             file: source)
        }
        guard !files.isEmpty, let entry = TransformRegistry.entry(transform) else { return [] }
        let workspace = try Workspace.open(paths: files.map { root.appendingPathComponent($0.path).path }, currentDirectory: root,
                                           centralModule: centralModule)
        var keys: [String: Set<SiteKey>] = [:]
        for file in files { keys[file.path] = Set(file.sites.compactMap(\.key)) }
        // A phase's own options (a bare client) made the plan's edits: the recomputation takes them too.
        let bareClient = phase.flatMap { id in workspace.configuration.phases.first { $0.id == id } }?.bareClient ?? false
        let run = try TransformRun.run(entry, workspace: workspace,
                                       options: TransformOptions(force: force ?? false, allowLossy: allowLossy ?? false, bareClient: bareClient),
                                       selection: Selection(keys: keys))
        if let failed = run.failed.first, let error = failed.error { throw error }
        let recomputed = Dictionary(run.changed.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let differing = files.filter { file in
            guard let outcome = recomputed[file.path] else { return true }
            return Self.normalized(file.edits.map { ($0.start, $0.end, Array($0.text.utf8)) })
                != Self.normalized(outcome.edits.map { ($0.range.lowerBound, $0.range.upperBound, $0.replacement) })
                || sha256Hex(outcome.updated) != file.after
        }
        if !differing.isEmpty {
            throw CodemodError.configuration("the plan's edits to \(differing.map(\.path).joined(separator: ", ")) are not what \(transform) "
                                             + "makes of the file now; the plan was edited or damaged, so nothing was written. Make a new plan.",
                                             file: source)
        }
        return Applier.writes(from: files.compactMap { recomputed[$0.path] })
    }

    private static func normalized(_ edits: [(Int, Int, [UInt8])]) -> [[Int]] {
        edits.map { [$0.0, $0.1] + $0.2.map(Int.init) }.sorted { $0.lexicographicallyPrecedes($1) }
    }

    private static func isSHA256(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// Where in the plan the JSON does not fit, as a person would say it.
    private static func describe(_ error: DecodingError) -> String {
        func place(_ path: [CodingKey]) -> String {
            guard !path.isEmpty else { return "the top level" }
            let joined = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return String(joined.dropFirst(joined.hasPrefix(".") ? 1 : 0))
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(place(context.codingPath + [key])) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(place(context.codingPath)) has the wrong type"
        case .dataCorrupted(let context): return context.codingPath.isEmpty ? "not JSON" : "\(place(context.codingPath)) is malformed"
        @unknown default: return "malformed"
        }
    }
}

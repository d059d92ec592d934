import CodemodCore
import Foundation
import SyntaxTree

/// The exact edits of a dry run, locked to each file's content by sha256:
/// `diff --save-plan FILE` writes it, `apply --plan FILE` applies exactly it.
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
    public var files: [File]

    public init(run: TransformRun, phase: Int?, only: [String]) {
        transform = run.transformID
        self.phase = phase
        self.only = only
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

    public static func load(_ url: URL, displayPath: String) throws -> SavedPlan {
        guard let data = try? Data(contentsOf: url) else { throw CodemodError.configuration("plan file cannot be read", file: displayPath) }
        let plan: SavedPlan
        do {
            plan = try JSONDecoder().decode(SavedPlan.self, from: data)
        } catch {
            throw CodemodError.configuration("not a prisma-codemod plan (\(error.localizedDescription))", file: displayPath)
        }
        guard plan.version == 1 else { throw CodemodError.configuration("plan version \(plan.version) is not supported", file: displayPath) }
        guard TransformRegistry.entry(plan.transform) != nil else {
            throw CodemodError.configuration("the plan names an unknown transform '\(plan.transform)'", file: displayPath)
        }
        for file in plan.files where !Journal.isInsidePath(file.path) {
            throw CodemodError.configuration("path '\(file.path)' is outside the project root", file: displayPath)
        }
        return plan
    }

    /// The writes, after checking that no file changed since the plan was made;
    /// any difference aborts before anything is written.
    public func writes(root: URL) throws -> [PlannedWrite] {
        let parsers = ParserSet()
        var writes: [PlannedWrite] = []
        var changed: [String] = []
        for file in files {
            guard let bytes = FileManager.default.contents(atPath: root.appendingPathComponent(file.path).path).map([UInt8].init),
                  sha256Hex(bytes) == file.before else {
                changed.append(file.path)
                continue
            }
            let edits = try EditSet(file.edits.map { Edit(range: $0.start..<$0.end, replacement: $0.text) })
            let updated = try edits.apply(to: bytes)
            guard sha256Hex(updated) == file.after else {
                throw CodemodError.configuration("\(file.path): the plan's edits do not give the recorded result; the plan is damaged")
            }
            // Like every output: it must parse, or nothing is written.
            do {
                _ = try ParsedFile.clean(path: file.path, bytes: updated, parsers: parsers)
            } catch {
                let position: SourcePosition
                if case .parse(_, let at, _) = error { position = at } else { position = SourcePosition(line: 1, column: 1) }
                throw CodemodError.outputDoesNotParse(path: file.path, position: position, transform: transform)
            }
            writes.append(PlannedWrite(path: file.path, original: bytes, updated: updated, sites: file.sites))
        }
        if !changed.isEmpty {
            throw CodemodError.configuration("changed since the plan was made: \(changed.joined(separator: ", ")); nothing was written. Make a new plan.")
        }
        return writes
    }
}

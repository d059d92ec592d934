import Foundation
import SyntaxTree

/// A changed site with its place before and after the rewrite.
public struct ChangedSite: Equatable, Sendable {
    public var label: String
    public var before: Point
    public var after: Point
    /// The byte offset in the new text.
    public var afterOffset: Int
    /// The whole line holding the site in the new text, trimmed: how a later revert finds it again.
    public var afterLineText: String
    /// The trimmed lines around it (`contextRadius` each side, "" past the ends): what tells
    /// two sites with the same line text apart.
    public var afterContext: [String]

    public static let contextRadius = 3
}

/// What happened to one file in one run.
public struct FileOutcome: Sendable {
    public enum Status: String, Sendable { case unchanged, changed, skipped, failed }

    public var path: String
    public var status: Status
    public var original: [UInt8]
    public var updated: [UInt8]
    public var sites: [ChangedSite] = []
    /// The edits that turn `original` into `updated`.
    public var edits: [Edit] = []
    public var skipped: [Note] = []
    public var notes: [Note] = []
    public var skipReason: String?
    public var error: CodemodError?
    /// Selectors of the run that name a site in this file (see `Rewrite.matched`).
    public var matched: [String] = []

    public var isChanged: Bool { status == .changed }

    public init(path: String, status: Status, original: [UInt8], updated: [UInt8], error: CodemodError? = nil) {
        self.path = path
        self.status = status
        self.original = original
        self.updated = updated
        self.error = error
    }
}

/// Runs a transform over one file: parse → rewrite → apply → re-parse → rewrite again.
/// Nothing here writes; the outcome carries the new bytes for the caller to write.
public struct Engine {
    public init() {}

    public func run(_ transform: Transform, path: String, bytes: [UInt8], parsers: ParserSet) -> FileOutcome {
        var outcome = FileOutcome(path: path, status: .unchanged, original: bytes, updated: bytes)
        let file: ParsedFile
        do {
            file = try ParsedFile.clean(path: path, bytes: bytes, parsers: parsers)
        } catch {
            return failed(outcome, error)
        }
        let rewrite: Rewrite
        do {
            rewrite = try transform.rewrite(file)
        } catch let error as CodemodError {
            return failed(outcome, error)
        } catch {
            return failed(outcome, .configuration("\(path): \(error)"))
        }
        outcome.skipped = rewrite.skipped
        outcome.notes = rewrite.notes
        outcome.matched = rewrite.matched
        if let reason = rewrite.fileSkipReason {
            outcome.status = .skipped
            outcome.skipReason = reason
            return outcome
        }
        if rewrite.edits.isEmpty { return outcome }

        let edits: EditSet
        do {
            edits = try EditSet(rewrite.edits)
        } catch EditError.overlap(let first, let second) {
            return failed(outcome, .overlappingEdits(path: path, transform: transform.id,
                                                     first: file.point(first.lowerBound), second: file.point(second.lowerBound)))
        } catch {
            return failed(outcome, .configuration("\(path): \(error)"))
        }
        guard let updated = try? edits.apply(to: bytes) else {
            return failed(outcome, .internalError(path: path, transform: transform.id, detail: "an edit lies outside the file"))
        }
        if updated == bytes { return outcome }

        // The safety net: the output must parse, and a second pass must find nothing to do.
        let reparsed: ParsedFile
        do {
            reparsed = try ParsedFile.clean(path: path, bytes: updated, parsers: parsers)
        } catch {
            let position: Point
            if case .parse(_, let at, _) = error { position = at } else { position = Point(row: 0, column: 0) }
            return failed(outcome, .outputDoesNotParse(path: path, position: position, transform: transform.id))
        }
        do {
            let again = try transform.rewrite(reparsed)
            if !again.edits.isEmpty, (try? EditSet(again.edits).apply(to: updated)) != updated {
                return failed(outcome, .notIdempotent(path: path, transform: transform.id))
            }
        } catch {
            return failed(outcome, .internalError(path: path, transform: transform.id, detail: "the check pass on its output failed: \(error)"))
        }

        let newLines = reparsed.lines
        outcome.status = .changed
        outcome.updated = updated
        outcome.edits = edits.edits
        let afterOffsets = edits.map(rewrite.sites.map(\.range.lowerBound))
        func trimmedLine(_ row: Int) -> String {
            guard row >= 0, row < newLines.lineStarts.count else { return "" }
            let start = newLines.lineStarts[row]
            guard start < updated.count else { return "" }
            return String(decoding: updated[start..<newLines.lineContentEnd(of: start)], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        }
        outcome.sites = zip(rewrite.sites, afterOffsets).map { site, after in
            let row = newLines.line(of: after)
            let radius = ChangedSite.contextRadius
            return ChangedSite(label: site.label, before: file.point(site.range.lowerBound), after: newLines.point(of: after),
                               afterOffset: after, afterLineText: trimmedLine(row),
                               afterContext: ((row - radius)...(row + radius)).map(trimmedLine))
        }
        return outcome
    }

    private func failed(_ outcome: FileOutcome, _ error: CodemodError) -> FileOutcome {
        var outcome = outcome
        outcome.status = .failed
        outcome.error = error
        return outcome
    }
}

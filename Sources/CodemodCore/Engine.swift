import Foundation
import SyntaxTree

/// A changed site with its place before and after the rewrite.
public struct ChangedSite: Equatable, Sendable {
    public var key: SiteKey
    public var label: String
    /// Where the site starts in the original (its wrapper, where it has one).
    public var before: SourcePosition
    public var after: SourcePosition
    public var restoreHint: RestoreHint?
    /// The position every command reports for the site, in the original: its call expression
    /// (`prisma.user.findMany`), and the wrapper around it (`executeWithRetry(`) where there is one.
    public var call: SourcePosition
    public var wrapper: SourcePosition?
}

/// What happened to one file in one run.
public struct FileOutcome: Sendable {
    public enum Status: String, Sendable { case unchanged, changed, skipped, failed }

    public var path: String
    public var status: Status
    public var original: [UInt8]
    /// The new bytes. What the engine changed is kept as `edits` on `original` and applied
    /// when asked for, so that a run over many files never holds every new text at once.
    public var updated: [UInt8] {
        get { storedUpdated ?? EditSet.applying(edits, to: original) }
        set { storedUpdated = newValue }
    }
    /// Nil when `updated` is `edits` applied to `original`.
    var storedUpdated: [UInt8]?
    public var sites: [ChangedSite] = []
    /// The edits that turn `original` into `updated`.
    public var edits: [Edit] = []
    /// Selected sites left unchanged, with reasons.
    public var skipped: [Note] = []
    /// What the transform's analysis cannot follow in the file (never changed).
    public var unfollowed: [Note] = []
    public var notes: [Note] = []
    public var skipReason: String?
    public var error: CodemodError?
    /// Selectors that name a site of this file the run changes or leaves with a reason.
    public var pending: Set<Selector> = []
    /// Selectors that name a site already in the state the transform produces: a clean no-op.
    public var done: Set<Selector> = []

    public var isChanged: Bool { status == .changed }

    public init(path: String, status: Status, original: [UInt8], updated: [UInt8], error: CodemodError? = nil) {
        self.path = path
        self.status = status
        self.original = original
        self.storedUpdated = updated
        self.error = error
    }
}

/// Runs a transform over one file: parse → candidates → selection → edits → apply →
/// re-parse → candidates again. Nothing here writes; the outcome carries the new bytes.
public struct Engine {
    public init() {}

    /// `inverse` tells which selectors name sites already changed (its own candidates).
    public func run<T: Transform>(_ transform: T, inverse: (any Transform)? = nil, selection: Selection = Selection(),
                                  path: String, bytes: [UInt8], parsers: ParserSet) -> FileOutcome {
        var outcome = FileOutcome(path: path, status: .unchanged, original: bytes, updated: bytes)
        let id = T.id
        guard selection.mayAdmit(path: path) else { return outcome }
        // The original's analysis lives only inside `plan`, and its tree only where the file is
        // small enough to re-parse the output incrementally from it: a large file never holds
        // two syntax trees at once (a runtime tree costs some 35 bytes per byte of source).
        guard let planned = plan(transform, inverse: inverse, selection: selection, bytes: bytes, parsers: parsers, outcome: &outcome) else {
            return outcome
        }
        let edits = planned.edits
        guard let updated = try? edits.apply(to: bytes) else {
            return failed(outcome, .internalError(path: path, transform: id, detail: "an edit lies outside the file"))
        }
        if updated == bytes { return outcome }

        // The safety net: the output must parse, and no selected site may still be a candidate.
        let reparsed: ParsedFile
        do {
            reparsed = try ParsedFile.clean(path: path, bytes: updated, parsers: parsers,
                                            reusing: planned.original.map { ($0, edits.orderedEdits) })
        } catch {
            let position: SourcePosition
            if case .parse(_, let at, _) = error { position = at } else { position = SourcePosition(line: 1, column: 1) }
            return failed(outcome, .outputDoesNotParse(path: path, position: position, transform: id))
        }
        do {
            let selectedKeys = Set(planned.selected.map(\.key))
            let again = transform.candidates(in: try transform.analyze(reparsed))
            if again.contains(where: { $0.leaveReason == nil && selectedKeys.contains($0.key) }) {
                return failed(outcome, .notIdempotent(path: path, transform: id))
            }
        } catch {
            return failed(outcome, .internalError(path: path, transform: id, detail: "the check pass on its output failed: \(error)"))
        }

        outcome.status = .changed
        outcome.edits = edits.edits
        outcome.storedUpdated = nil  // `updated` from here on is `edits` applied again, when asked for
        let afterOffsets = edits.map(planned.selected.map(\.range.lowerBound))
        outcome.sites = planned.selected.indices.map { index in
            let candidate = planned.selected[index]
            return ChangedSite(key: candidate.key, label: candidate.label, before: planned.before[index],
                               after: reparsed.position(afterOffsets[index]), restoreHint: candidate.restoreHint,
                               call: planned.calls[index] ?? planned.before[index], wrapper: planned.wrappers[index])
        }
        return outcome
    }

    /// What the original gives: the selected candidates with their positions, and the edits.
    private struct Planned {
        var selected: [Candidate]
        var before: [SourcePosition]
        /// `Candidate.callStart` and `wrapperStart` as positions, where given.
        var calls: [SourcePosition?]
        var wrappers: [SourcePosition?]
        var edits: EditSet
        /// The original, parsed with its runtime tree kept, where it is small enough.
        var original: ParsedFile?
    }

    /// The largest file whose runtime tree is kept for an incremental re-parse of the output:
    /// a larger one is parsed in pieces, which keep none.
    static let incrementalReparseLimit = Parser.defaultPieceSize

    /// Parse → candidates → selection → edits, filling `outcome` with what it finds; nil when
    /// there is nothing to write (no site selected, or a failure recorded in `outcome`).
    private func plan<T: Transform>(_ transform: T, inverse: (any Transform)?, selection: Selection, bytes: [UInt8], parsers: ParserSet,
                                    outcome: inout FileOutcome) -> Planned? {
        let path = outcome.path
        let id = T.id
        let file: ParsedFile
        let analysis: T.Analysis
        do {
            file = try ParsedFile.clean(path: path, bytes: bytes, parsers: parsers,
                                        retainingRuntime: bytes.count <= Self.incrementalReparseLimit)
            analysis = try transform.analyze(file)
        } catch {
            outcome = failed(outcome, CodemodError(error, path: path))
            return nil
        }
        outcome.unfollowed = (analysis as? any ListsUnfollowed)?.unfollowed ?? []

        var selected: [Candidate] = []
        for candidate in transform.candidates(in: analysis) {
            let (admitted, naming) = selection.evaluate(candidate, granularity: T.granularity, path: path)
            outcome.pending.formUnion(naming)
            guard admitted else { continue }
            if let reason = candidate.leaveReason {
                if T.granularity == .file {
                    outcome.status = .skipped
                    outcome.skipReason = reason
                } else {
                    // At the site's call, with its wrapper, as every command reports a site.
                    let wrapper = candidate.wrapperStart.map(file.position).map { " (wrapper at \($0.line):\($0.column))" } ?? ""
                    outcome.skipped.append(Note(position: file.position(candidate.callStart ?? candidate.range.lowerBound),
                                                message: "\(candidate.label): \(reason)\(wrapper)"))
                }
            } else {
                selected.append(candidate)
            }
        }
        if let inverse, !selection.selectors.isEmpty {
            outcome.done = doneSelectors(inverse, in: file, selection: selection, granularity: T.granularity)
        }
        if selected.isEmpty { return nil }

        do {
            let rewrite = try transform.edits(for: selected, in: analysis)
            let edits = try EditSet(rewrite.edits)
            outcome.notes = rewrite.notes
            return Planned(selected: selected, before: selected.map { file.position($0.range.lowerBound) },
                           calls: selected.map { $0.callStart.map(file.position) }, wrappers: selected.map { $0.wrapperStart.map(file.position) },
                           edits: edits, original: file.tree.canBeReparsed ? file : nil)
        } catch EditError.overlap(let first, let second) {
            outcome = failed(outcome, .overlappingEdits(path: path, transform: id,
                                                        first: file.position(first.lowerBound), second: file.position(second.lowerBound)))
        } catch {
            outcome = failed(outcome, CodemodError(error, path: path))
        }
        return nil
    }

    /// The selectors that name a candidate of the inverse: sites already as this transform leaves them.
    private func doneSelectors<Inverse: Transform>(_ inverse: Inverse, in file: ParsedFile, selection: Selection,
                                                   granularity: Granularity) -> Set<Selector> {
        guard let analysis = try? inverse.analyze(file) else { return [] }
        var done = Set<Selector>()
        for candidate in inverse.candidates(in: analysis) {
            done.formUnion(selection.evaluate(candidate, granularity: granularity, path: file.path).naming)
        }
        return done
    }

    private func failed(_ outcome: FileOutcome, _ error: CodemodError) -> FileOutcome {
        var outcome = outcome
        outcome.status = .failed
        outcome.error = error
        return outcome
    }
}

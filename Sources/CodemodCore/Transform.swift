import SyntaxTree

/// What one change of a transform covers: a whole file (one client per file) or one call site.
public enum Granularity: String, Sendable {
    case file
    case callSite
}

/// A rewrite that declares itself and keeps matching apart from rewriting (ast-grep's
/// Matcher and Replacer): `candidates` says every site it could change, with a stable key,
/// and the reason it would be left; `edits` changes exactly the sites it is given. Which
/// candidates are selected (`--at`, `--only`, phases, revert) is the engine's business.
public protocol Transform: Sendable {
    /// What the transform learns of a file once, shared by `candidates` and `edits`.
    associatedtype Analysis

    /// Kebab-case id used on the command line (`unwrap-reads`).
    static var id: String { get }
    /// One sentence for `list` and help.
    static var summary: String { get }
    /// The id of the transform that undoes this one.
    static var inverse: String { get }
    static var granularity: Granularity { get }

    func analyze(_ file: ParsedFile) throws -> Analysis
    /// Every site this transform would change in the file, the ones it would leave included.
    func candidates(in analysis: Analysis) -> [Candidate]
    /// The edits that change exactly `selected`, a subset of `candidates(in:)` without a leave reason.
    func edits(for selected: [Candidate], in analysis: Analysis) throws -> Rewrite
}

/// An analysis that knows code looking like its transform's target that it cannot follow:
/// never changed, and listed by the engine so that a run does not pass over it in silence.
public protocol ListsUnfollowed {
    var unfollowed: [Note] { get }
}

/// A stable name for a site: survives unrelated edits and moved lines, and is the same
/// for a site before and after a transform and its inverse (say, a read wrapped and unwrapped).
public struct SiteKey: Hashable, Codable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (lhs: SiteKey, rhs: SiteKey) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What the inverse needs to put a site back exactly that the code no longer says once the
/// site is changed: the name of the wrapper taken off and the module it was imported from.
public struct RestoreHint: Codable, Equatable, Sendable {
    public var name: String
    /// The import specifier as the file wrote it; nil when the file did not import the name.
    public var module: String?

    public init(name: String, module: String?) {
        self.name = name
        self.module = module
    }
}

/// A site a transform could change.
public struct Candidate: Sendable {
    public var key: SiteKey
    /// The bytes of the original text the site covers.
    public var range: Range<Int>
    /// The one-based lines a `--at PATH:LINE` may name it by (from the wrapper to the call).
    public var lines: ClosedRange<Int>
    /// What the site is, for people (`prisma.user.findUnique`).
    public var label: String
    /// `model.method` (or `client.method`) for `--only`; nil for whole-file sites.
    public var operation: String?
    /// Set when the transform would leave this site as it is, with the reason.
    public var leaveReason: String?
    /// Recorded with the changed site, for a later revert.
    public var restoreHint: RestoreHint?
    /// Where the site's call expression starts (default: where `range` does), and where the
    /// wrapper around it starts, if any: the positions every command reports.
    public var callStart: Int?
    public var wrapperStart: Int?

    public init(key: SiteKey, range: Range<Int>, lines: ClosedRange<Int>, label: String, operation: String?, leaveReason: String? = nil,
                restoreHint: RestoreHint? = nil, callStart: Int? = nil, wrapperStart: Int? = nil) {
        self.restoreHint = restoreHint
        self.callStart = callStart
        self.wrapperStart = wrapperStart
        self.key = key
        self.range = range
        self.lines = lines
        self.label = label
        self.operation = operation
        self.leaveReason = leaveReason
    }
}

/// Something a user should know about a place in a file (not a site that was changed).
public struct Note: Equatable, Sendable {
    public var position: SourcePosition
    public var message: String

    public init(position: SourcePosition, message: String) {
        self.position = position
        self.message = message
    }
}

/// The edits for the selected candidates, and what a user should know about them.
public struct Rewrite: Sendable {
    public var edits: [Edit]
    /// Information that is not a skip (e.g. a dropped type argument).
    public var notes: [Note]

    public init(edits: [Edit] = [], notes: [Note] = []) {
        self.edits = edits
        self.notes = notes
    }
}

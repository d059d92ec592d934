import SyntaxTree

/// A rewrite of one file: given the parsed file, the byte-range edits to make,
/// the sites they change, and the sites it saw but left, with reasons.
public protocol Transform: Sendable {
    /// Kebab-case id used on the command line (`unwrap-reads`).
    var id: String { get }
    func rewrite(_ file: ParsedFile) throws -> Rewrite
}

/// A place in a file a transform changed or reported.
public struct Site: Equatable, Sendable {
    /// The range in the original text this site covers.
    public var range: Range<Int>
    /// What the site is, for people (`prisma.user.findUnique`).
    public var label: String

    public init(range: Range<Int>, label: String) {
        self.range = range
        self.label = label
    }
}

/// A site a transform left alone, or something else a user should know about a file.
public struct Note: Equatable, Sendable {
    public var position: Point
    public var message: String

    public init(position: Point, message: String) {
        self.position = position
        self.message = message
    }
}

/// What a transform wants done to one file.
public struct Rewrite: Sendable {
    public var edits: [Edit]
    public var sites: [Site]
    /// Sites left unchanged, with reasons.
    public var skipped: [Note]
    /// Information that is not a skip (e.g. a dropped type argument).
    public var notes: [Note]
    /// Set when the whole file is left alone on purpose.
    public var fileSkipReason: String?
    /// The user's selectors (`at:LINE`, `only:model.method`) this file has a site for,
    /// changed or not, so a selector that names nothing can be reported.
    public var matched: [String] = []

    public init(edits: [Edit] = [], sites: [Site] = [], skipped: [Note] = [], notes: [Note] = [], fileSkipReason: String? = nil,
                matched: [String] = []) {
        self.edits = edits
        self.sites = sites
        self.skipped = skipped
        self.notes = notes
        self.fileSkipReason = fileSkipReason
        self.matched = matched
    }

    public static func skipFile(_ reason: String, matched: [String] = []) -> Rewrite {
        Rewrite(fileSkipReason: reason, matched: matched)
    }
}

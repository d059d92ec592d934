import CodemodCore

/// Options a user can give any transform.
public struct TransformOptions: Sendable {
    /// Rewrite shapes that are otherwise skipped as unsafe (options, exports, local scope).
    public var force = false
    /// Unwrap even when retry arguments or type arguments would be lost.
    public var allowLossy = false
    /// `model.method` filters (`notification.create`); empty means every call.
    public var only: [String] = []
    /// Exactly these call sites: root-relative path and one-based line.
    public var at: [SiteAddress] = []

    public init(force: Bool = false, allowLossy: Bool = false, only: [String] = [], at: [SiteAddress] = []) {
        self.force = force
        self.allowLossy = allowLossy
        self.only = only
        self.at = at
    }
}

/// `path:line`, one call site.
public struct SiteAddress: Equatable, Sendable, Codable {
    public var path: String
    public var line: Int

    public init(path: String, line: Int) {
        self.path = path
        self.line = line
    }

    /// Parses `PATH:LINE`.
    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let line = Int(text[text.index(after: colon)...]), line > 0 else { return nil }
        self.init(path: String(text[..<colon]), line: line)
    }
}

/// Every transform, declared once: the CLI's list, help and phases come from here.
public enum TransformRegistry {
    public struct Entry: Sendable {
        public var id: String
        public var summary: String
        public var inverse: String
        /// A file holds one client, so these transforms change whole files, not call sites.
        public var wholeFile = false
        public var make: @Sendable (PrismaContext, TransformOptions) -> Transform
    }

    public static let all: [Entry] = [
        Entry(id: LocalizeClient.id, summary: LocalizeClient.summary, inverse: CentralizeClient.id, wholeFile: true,
              make: { LocalizeClient(context: $0, options: $1) }),
        Entry(id: CentralizeClient.id, summary: CentralizeClient.summary, inverse: LocalizeClient.id, wholeFile: true,
              make: { CentralizeClient(context: $0, options: $1) }),
        Entry(id: UnwrapReads.id, summary: UnwrapReads.summary, inverse: WrapReads.id,
              make: { UnwrapReads(context: $0, options: $1) }),
        Entry(id: WrapReads.id, summary: WrapReads.summary, inverse: UnwrapReads.id,
              make: { WrapReads(context: $0, options: $1) }),
        Entry(id: WrapWrites.id, summary: WrapWrites.summary, inverse: UnwrapWrites.id,
              make: { WrapWrites(context: $0, options: $1) }),
        Entry(id: UnwrapWrites.id, summary: UnwrapWrites.summary, inverse: WrapWrites.id,
              make: { UnwrapWrites(context: $0, options: $1) }),
    ]

    public static func entry(_ id: String) -> Entry? { all.first { $0.id == id } }
}

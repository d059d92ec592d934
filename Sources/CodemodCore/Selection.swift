/// `path:line`, one call site as a user names it.
public struct SiteAddress: Hashable, Sendable, Codable {
    /// Relative to the project root.
    public var path: String
    /// One-based.
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

    public var description: String { "\(path):\(line)" }
}

/// One thing a user (or a phase, or a revert) named to narrow a run.
public enum Selector: Hashable, Sendable {
    /// `--at PATH:LINE`: the site on that line; for whole-file transforms, that file.
    case at(SiteAddress)
    /// `--only model.method`.
    case only(String)
    /// A site recorded by an earlier run (revert).
    case key(path: String, key: SiteKey)

    /// How a user would write it, for messages.
    public var description: String {
        switch self {
        case .at(let address): return "--at \(address.description)"
        case .only(let operation): return "--only \(operation)"
        case .key(let path, let key): return "\(path): \(key.rawValue)"
        }
    }
}

/// Which candidates a run changes: every kind of selector combined (all kinds given must
/// hold; within a kind, any one). The one place selection happens: transforms never see it.
public struct Selection: Sendable {
    public var at: [SiteAddress]
    public var only: [String]
    /// Root-relative path globs (`--only-files`).
    public var files: [Glob]
    /// Exact sites by key, per root-relative path (revert); nil means no key filter.
    public var keys: [String: Set<SiteKey>]?

    public init(at: [SiteAddress] = [], only: [String] = [], files: [Glob] = [], keys: [String: Set<SiteKey>]? = nil) {
        self.at = at
        self.only = only
        self.files = files
        self.keys = keys
    }

    /// Whether any candidate of this file can be selected, before the file is read.
    public func mayAdmit(path: String) -> Bool {
        if !files.isEmpty, !files.contains(where: { $0.matches(path) }) { return false }
        if !at.isEmpty, !at.contains(where: { $0.path == path }) { return false }
        if let keys, keys[path]?.isEmpty ?? true { return false }
        return true
    }

    /// Each selector that names the candidate on its own, and whether the selection as a
    /// whole admits it (every kind given holds). The first tells a typo from a site; the second selects.
    public func evaluate(_ candidate: Candidate, granularity: Granularity, path: String) -> (admitted: Bool, naming: [Selector]) {
        guard files.isEmpty || files.contains(where: { $0.matches(path) }) else { return (false, []) }
        let atHere = at.filter { $0.path == path && (granularity == .file || candidate.lines.contains($0.line)) }
        let onlyHere = candidate.operation.map { operation in only.filter { $0 == operation } } ?? []
        let keyHere = keys?[path]?.contains(candidate.key) == true ? [Selector.key(path: path, key: candidate.key)] : []
        let admitted = (at.isEmpty || !atHere.isEmpty) && (only.isEmpty || !onlyHere.isEmpty) && (keys == nil || !keyHere.isEmpty)
        return (admitted, atHere.map(Selector.at) + onlyHere.map(Selector.only) + keyHere)
    }

    /// Every selector a user must see matched somewhere, so that a typo is never a silent no-op.
    public var selectors: [Selector] {
        at.map(Selector.at) + only.map(Selector.only)
            + (keys ?? [:]).sorted { $0.key < $1.key }.flatMap { path, keys in keys.sorted().map { Selector.key(path: path, key: $0) } }
    }
}

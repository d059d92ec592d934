import CodemodCore

/// The change a whole-file transform (one client per file) works out once per file:
/// its one candidate, and the edits or the reason it would leave the file.
public struct FileChange {
    /// Thrown while working out the edits: the file is left, with this reason.
    struct Skip: Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    let file: ParsedFile
    let key: SiteKey
    let range: Range<Int>
    let label: String
    private(set) var leaveReason: String?
    private(set) var rewrite = Rewrite()

    init(file: ParsedFile, key: SiteKey, range: Range<Int>, label: String) {
        self.file = file
        self.key = key
        self.range = range
        self.label = label
    }

    func with(edits: [Edit], notes: [Note] = []) -> FileChange {
        var change = self
        change.rewrite = Rewrite(edits: edits, notes: notes)
        return change
    }

    func leaving(_ reason: String) -> FileChange {
        var change = self
        change.leaveReason = reason
        return change
    }

    var candidate: Candidate {
        Candidate(key: key, range: range, lines: 1...file.lines.lineStarts.count, label: label, operation: nil, leaveReason: leaveReason)
    }

    /// The key of a file's client: its local name, the same whether imported or created here.
    static func clientKey(_ name: String) -> SiteKey { SiteKey("client:\(name)") }
}

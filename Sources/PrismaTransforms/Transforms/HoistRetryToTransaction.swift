import CodemodCore
import SyntaxTree

/// `hoist-retry-to-transaction`: one retry around a whole interactive transaction instead
/// of retries of its single statements (what `check`'s `retry-inside-transaction` asks for).
///
/// Matches: an awaited or returned `client.$transaction(async (tx) => …)` whose callback
/// holds retry-helper calls. Left, with the reason: a transaction already inside a retry,
/// one neither awaited nor returned, one whose inner retries cannot be taken off exactly
/// (extra retry arguments, comments, callbacks doing more than one thing), and one with
/// an inner retry that a suppression comment of `retry-inside-transaction` silences.
///
/// Rewrites: each inner `executeWithRetry(() => tx.x.y(…))` becomes `tx.x.y(…)`, and the
/// `$transaction(…)` call goes into the helper, in the seed's shape.
/// Inverse: `unhoist-retry-from-transaction`.
public struct HoistRetryToTransaction: PrismaTransform {
    public static let id = "hoist-retry-to-transaction"
    public static let summary = "Replace retries of single statements inside an interactive $transaction by one retry around the whole $transaction call."
    public static let inverse = UnhoistRetryFromTransaction.id
    public static let granularity = Granularity.callSite

    let context: PrismaContext
    let options: TransformOptions

    public init(context: PrismaContext, options: TransformOptions) {
        self.context = context
        self.options = options
    }

    public struct Site {
        var transaction: PrismaCall
        var key: SiteKey
        var innerRetries: [(retry: RetryCall, body: Node?)]
        var leaveReason: String?
    }

    public func analyze(_ file: ParsedFile) throws -> SiteAnalysis<Site> {
        let prisma = PrismaFile(file: file, context: context)
        let keys = SiteKeys(prisma, withText: false)
        let suppressions = options.restoring ? [] : Suppression.read(file)
        var sites: [Site] = []
        for transaction in prisma.calls where transaction.method == "$transaction" {
            guard let callback = TransactionShape.callback(of: transaction) else { continue }
            let inner = prisma.retryCalls.filter { callback.byteRange.contains($0.call.byteRange.lowerBound) }
            guard !inner.isEmpty else { continue }
            let retries = inner.map { retry in (retry, retry.callback.flatMap(CallbackShape.singleExpression)) }
            sites.append(Site(transaction: transaction, key: keys[transaction], innerRetries: retries,
                              leaveReason: suppressed(retries, in: file, suppressions)
                                ?? leaveReason(transaction, retries: retries, file: file)))
        }
        return SiteAnalysis(prisma: prisma, sites: sites)
    }

    /// A transaction with an inner retry that a suppression of `retry-inside-transaction` silences stays as it is.
    private func suppressed(_ retries: [(retry: RetryCall, body: Node?)], in file: ParsedFile, _ suppressions: [Suppression]) -> String? {
        for (retry, body) in retries {
            let line = file.lines.lineNumber(of: retry.reportedNode.byteRange.lowerBound)
            let callLine = body.map { file.lines.lineNumber(of: $0.byteRange.lowerBound) }
            if let reason = Suppression.leaveReason(RetryInsideTransaction.id, onLines: [line] + (callLine.map { [$0] } ?? []), in: suppressions) {
                return "the \(retry.helper) call at line \(line) is \(reason)"
            }
        }
        return nil
    }

    private func leaveReason(_ transaction: PrismaCall, retries: [(retry: RetryCall, body: Node?)], file: ParsedFile) -> String? {
        if transaction.retry != nil {
            return "the $transaction is already retried as a whole; take the inner retries off by hand"
        }
        if !transaction.awaitInside, !CallbackShape.isConsumedImmediately(transaction.operation, file: file) {
            return "the $transaction is not awaited or returned; wrapped, it would start earlier; left as it is"
        }
        for (retry, body) in retries {
            let line = file.lines.lineNumber(of: retry.call.byteRange.lowerBound)
            guard retry.callback != nil, let body else {
                return "the \(retry.helper) call at line \(line) does more than one operation; left as it is"
            }
            if let obstacle = CallbackShape.removalObstacle(retry, body: body, file: file, allowLossy: options.allowLossy, verb: "hoist") {
                return "line \(line): \(obstacle)"
            }
            if retries.contains(where: { $0.retry.call != retry.call && $0.retry.call.byteRange.contains(retry.call.byteRange.lowerBound) }) {
                return "the \(retry.helper) call at line \(line) is nested in another; left as it is"
            }
        }
        return nil
    }

    public func candidates(in analysis: SiteAnalysis<Site>) -> [Candidate] {
        let file = analysis.prisma.file
        return analysis.sites.map { site in
            let line = file.lines.lineNumber(of: site.transaction.expressionRange.lowerBound)
            return Candidate(key: site.key, range: site.transaction.expressionRange, lines: line...line, label: site.transaction.label,
                             operation: site.transaction.operationName, leaveReason: site.leaveReason, callStart: site.transaction.codeStart)
        }
    }

    public func edits(for selected: [Candidate], in analysis: SiteAnalysis<Site>) throws -> Rewrite {
        let file = analysis.prisma.file
        let keys = Set(selected.map(\.key))
        let templates = Reindent.templateRanges(in: file)
        var rewrite = Rewrite()
        for site in analysis.sites where keys.contains(site.key) {
            guard let helper = site.innerRetries.first?.retry.helper else { continue }
            var unwrapping: [Edit] = []
            for case let (retry, body?) in site.innerRetries {
                let bodyStart = analysis.prisma.calls.first { $0.operation == body }?.expressionRange.lowerBound ?? body.byteRange.lowerBound
                unwrapping += RetryEdits.unwrap(retry, body: body, bodyStart: bodyStart, in: file, templates: templates)
            }
            let wrapping = RetryEdits.wrap(site.transaction.expressionRange, operation: site.transaction.operation, helper: helper,
                                           in: file, templates: templates)
            // A line the unwrapping joins to the one before needs no indentation of its own.
            rewrite.edits += unwrapping + wrapping.filter { edit in
                !(edit.range.isEmpty && unwrapping.contains { $0.range.lowerBound < edit.range.lowerBound && edit.range.lowerBound < $0.range.upperBound })
            }
        }
        return rewrite
    }
}

/// The interactive form of `$transaction`: its callback, the function it is handed.
enum TransactionShape {
    static func callback(of transaction: PrismaCall) -> Node? {
        guard let first = transaction.call.child(field: .arguments)?.namedChildren.first(where: { $0.kind != "comment" }),
              ["arrow_function", "function_expression"].contains(first.kind) else { return nil }
        return first
    }
}

import CodemodCore
import SyntaxTree

/// `unhoist-retry-from-transaction`: the inverse of `hoist-retry-to-transaction`, as far as
/// it can be exact.
///
/// Matches: a retry-helper call whose callback does nothing but an interactive
/// `client.$transaction(async (tx) => …)`. Which statements had retries of their own
/// before a hoist is not in the code, so it gives one to every awaited or returned Prisma
/// call directly in the transaction's callback (calls in nested functions are left); the
/// result is the hoist's input exactly when each such call had its own retry. Left, with
/// the reason: a callback with no such call, extra retry arguments or comments (unless
/// `--allow-lossy`).
///
/// Rewrites: the outer helper call goes (lines de-indented), each such call goes into the helper.
public struct UnhoistRetryFromTransaction: PrismaTransform {
    public static let id = "unhoist-retry-from-transaction"
    public static let summary = "Undo hoist-retry-to-transaction: retry each awaited statement of the $transaction callback instead of the whole call."
    public static let inverse = HoistRetryToTransaction.id
    public static let granularity = Granularity.callSite

    let context: PrismaContext
    let options: TransformOptions

    public init(context: PrismaContext, options: TransformOptions) {
        self.context = context
        self.options = options
    }

    public struct Site {
        var retry: RetryCall
        var transaction: PrismaCall
        var body: Node
        var statements: [PrismaCall]
        var key: SiteKey
        var leaveReason: String?
    }

    public func analyze(_ file: ParsedFile) throws -> SiteAnalysis<Site> {
        let prisma = PrismaFile(file: file, context: context)
        let keys = SiteKeys(prisma, withText: false)
        var sites: [Site] = []
        for retry in prisma.retryCalls {
            guard let callback = retry.callback, let body = CallbackShape.singleExpression(of: callback),
                  let transaction = prisma.calls.first(where: { $0.operation == body && $0.method == "$transaction" }),
                  let transactionCallback = TransactionShape.callback(of: transaction) else { continue }
            let statements = prisma.calls.filter { call in
                call.call != transaction.call && transactionCallback.byteRange.contains(call.call.byteRange.lowerBound)
                    && Self.enclosingFunction(of: call.operation) == transactionCallback
                    && (call.awaitInside || CallbackShape.isConsumedImmediately(call.operation, file: file))
            }
            sites.append(Site(retry: retry, transaction: transaction, body: body, statements: statements, key: keys[transaction],
                              leaveReason: leaveReason(retry, body: body, statements: statements, file: file)))
        }
        return SiteAnalysis(prisma: prisma, sites: sites)
    }

    private func leaveReason(_ retry: RetryCall, body: Node, statements: [PrismaCall], file: ParsedFile) -> String? {
        if statements.isEmpty {
            return "the $transaction callback makes no awaited Prisma call to retry on its own; left as it is"
        }
        return CallbackShape.removalObstacle(retry, body: body, file: file, allowLossy: options.allowLossy, verb: "unhoist")
    }

    public func candidates(in analysis: SiteAnalysis<Site>) -> [Candidate] {
        let file = analysis.prisma.file
        return analysis.sites.map { site in
            let retryLine = file.lines.lineNumber(of: site.retry.call.byteRange.lowerBound)
            let callLine = file.lines.lineNumber(of: site.transaction.expressionRange.lowerBound)
            return Candidate(key: site.key, range: site.retry.call.byteRange, lines: retryLine...max(retryLine, callLine),
                             label: site.transaction.label, operation: site.transaction.operationName, leaveReason: site.leaveReason,
                             callStart: site.transaction.codeStart, wrapperStart: site.retry.reportedNode.byteRange.lowerBound)
        }
    }

    public func edits(for selected: [Candidate], in analysis: SiteAnalysis<Site>) throws -> Rewrite {
        let file = analysis.prisma.file
        let keys = Set(selected.map(\.key))
        let templates = Reindent.templateRanges(in: file)
        var rewrite = Rewrite()
        for site in analysis.sites where keys.contains(site.key) {
            let bodyStart = site.transaction.expressionRange.lowerBound
            let depth = RetryEdits.depth(of: site.retry, bodyStart: bodyStart, in: file)
            let unwrapping = RetryEdits.unwrap(site.retry, body: site.body, bodyStart: bodyStart, in: file, templates: templates)
            rewrite.edits += unwrapping
            for statement in site.statements {
                rewrite.edits += RetryEdits.wrap(statement.expressionRange, operation: statement.operation, helper: site.retry.helper,
                                                 in: file, templates: templates, dedent: depth)
            }
            rewrite.notes.append(Note(position: file.position(site.retry.call.byteRange.lowerBound),
                                      message: "\(site.transaction.label): \(site.statements.count) statement(s) get a retry of their own"))
        }
        return rewrite
    }

    /// The innermost function around a node.
    static func enclosingFunction(of node: Node) -> Node? {
        var current = node.parent
        while let ancestor = current {
            if PrismaFile.functionKinds.contains(ancestor.kind) { return ancestor }
            current = ancestor.parent
        }
        return nil
    }
}

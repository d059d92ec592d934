import CodemodCore
import PrismaRules
import SyntaxTree

/// `unwrap-reads` and `unwrap-writes`: take the retry helper off Prisma calls of one class
/// (seed phase 1 for reads).
///
/// Matches: a retry-helper call whose callback does exactly one Prisma call of the class
/// (a read-only `$transaction` and a raw `SELECT` are reads); its key is the inner call's,
/// so `wrap-*` finds it again.
///
/// Rewrites: `await executeWithRetry(() =>\n  prisma.x.findFirst(…)\n)` becomes
/// `await prisma.x.findFirst(…)`, the inner lines de-indented by the depth the wrapper
/// added; the helper's import goes when nothing uses it any more. Left, with the reason:
/// callbacks with more than one operation or using their parameters, a read retry that also
/// writes (a write retry: `unwrap-reads` never takes it), a raw query whose SQL is not literal,
/// a retry call on a line that a suppression comment of the check the transform fixes
/// silences (`read-in-retry` for `unwrap-reads`), and (unless `--allow-lossy`) extra retry
/// arguments, comments in the callback, a result stored un-awaited.
public struct UnwrapRetries<Target: RetryTarget>: PrismaTransform {
    public static var id: String { Target.unwrapID }
    public static var summary: String { Target.unwrapSummary }
    public static var inverse: String { Target.wrapID }
    public static var granularity: Granularity { .callSite }

    let context: PrismaContext
    let options: TransformOptions

    public init(context: PrismaContext, options: TransformOptions) {
        self.context = context
        self.options = options
    }

    /// One retry call around a call of the target class.
    public struct Site {
        var retry: RetryCall
        var primary: PrismaCall
        var body: Node?
        var key: SiteKey
        var leaveReason: String?
    }

    public func analyze(_ file: ParsedFile) throws -> SiteAnalysis<Site> {
        let prisma = PrismaFile(file: file, context: context)
        guard !prisma.retryBlocks.isEmpty else { return SiteAnalysis(prisma: prisma, sites: []) }
        let keys = SiteKeys(prisma)
        let suppressions = options.restoring ? [] : Suppression.read(file)
        var sites: [Site] = []
        for block in prisma.retryBlocks {
            // A block of the other class is not this transform's; one that mixes reads and writes,
            // or holds a raw query of unknown kind, is listed with the reason it stays.
            let unknown = block.methodClass == .other
            guard let primary = block.calls.first(where: { unknown ? $0.classReason != nil : $0.methodClass == Target.methodClass })
            else { continue }
            let retry = block.retry
            let body = retry.callback.flatMap(CallbackShape.singleExpression)
            let line = file.lines.lineNumber(of: retry.reportedNode.byteRange.lowerBound)
            let lines = [line, file.lines.lineNumber(of: primary.codeStart)]
            let reason = Suppression.leaveReason(Target.unwrapFixes, onLines: lines, in: suppressions)
                ?? leaveReason(block, primary: primary, body: body, file: file)
            sites.append(Site(retry: retry, primary: primary, body: body, key: keys[primary], leaveReason: reason))
        }
        return SiteAnalysis(prisma: prisma, sites: sites)
    }

    private func leaveReason(_ block: RetryBlock, primary: PrismaCall, body: Node?, file: ParsedFile) -> String? {
        let retry = block.retry
        if let reason = primary.classReason {
            return "\(reason); left as it is"
        }
        if block.methodClass != Target.methodClass {
            let writes = block.calls.filter { $0.methodClass == .write }.map(\.label).joined(separator: ", ")
            return "the \(retry.helper) callback also writes (\(writes)): a write retry, not a read retry; left as it is"
        }
        guard retry.callback != nil, let body, block.calls.count == 1, primary.operation == body else {
            return "the \(retry.helper) callback does more than one operation (ambiguous); left as it is"
        }
        if let obstacle = CallbackShape.removalObstacle(retry, body: body, file: file, allowLossy: options.allowLossy, verb: "unwrap") {
            return obstacle
        }
        if !options.allowLossy, !retry.awaitInside, !CallbackShape.isConsumedImmediately(retry.call, file: file) {
            return "the retried call is stored un-awaited; unwrapped, the query would start only when awaited; pass --allow-lossy"
        }
        return nil
    }

    public func candidates(in analysis: SiteAnalysis<Site>) -> [Candidate] {
        let file = analysis.prisma.file
        return analysis.sites.map { site in
            let retryLine = file.lines.lineNumber(of: site.retry.call.byteRange.lowerBound)
            let callLine = file.lines.lineNumber(of: site.primary.call.byteRange.lowerBound)
            let helperImport = analysis.prisma.retryImports.first { $0.specifier.localName == site.retry.helper }
            return Candidate(key: site.key, range: site.retry.call.byteRange, lines: retryLine...max(retryLine, callLine),
                             label: site.primary.label, operation: site.primary.operationName, leaveReason: site.leaveReason,
                             restoreHint: RestoreHint(name: site.retry.helper, module: helperImport?.statement.module),
                             callStart: site.primary.codeStart, wrapperStart: site.retry.reportedNode.byteRange.lowerBound)
        }
    }

    public func edits(for selected: [Candidate], in analysis: SiteAnalysis<Site>) throws -> Rewrite {
        let file = analysis.prisma.file
        let keys = Set(selected.map(\.key))
        var rewrite = Rewrite()
        var removed: [RetryCall] = []
        var templates: [Range<Int>]?
        for site in analysis.sites where keys.contains(site.key) {
            guard let body = site.body else { continue }
            let retry = site.retry
            if let typeArguments = retry.typeArguments {
                rewrite.notes.append(Note(position: file.position(retry.call.byteRange.lowerBound),
                                          message: "\(site.primary.label): the type argument \(file.text(typeArguments)) of \(retry.helper) was dropped"))
            }
            templates = templates ?? Reindent.templateRanges(in: file)
            // A mis-parsed `await prisma.x<T>(…)` body keeps its code, not its `await`.
            rewrite.edits += RetryEdits.unwrap(retry, body: body, bodyStart: site.primary.expressionRange.lowerBound, in: file,
                                               templates: templates ?? [])
            removed.append(retry)
        }
        rewrite.edits += RetryImports.removeUnused(in: analysis.prisma, removedCalls: removed)
        return rewrite
    }
}

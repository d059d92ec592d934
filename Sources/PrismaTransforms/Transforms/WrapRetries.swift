import CodemodCore
import PrismaRules
import SyntaxTree

/// `wrap-reads` and `wrap-writes`: put Prisma calls of one class into the retry helper,
/// in the seed's shape (phase 3 for `notification.create`).
///
/// Matches: an awaited or returned Prisma call of the class not yet inside the retry
/// helper (a `$transaction` is a read when all it runs reads; a raw query is what its SQL
/// does). Left, with the reason: calls on a transaction client, inside a `$transaction`
/// callback or array (retry the whole transaction instead), calls neither awaited nor
/// returned (wrapping would start them early), raw queries whose SQL is not literal, and
/// calls on a line that a suppression comment of the check the transform fixes silences
/// (`write-without-retry` for `wrap-writes`).
///
/// Rewrites: `executeWithRetry(() =>\n  <call, one level deeper>\n)` for calls that span
/// lines, `executeWithRetry(() => <call>)` for one-line calls (`async () =>` when the call
/// awaits inside its arguments); the helper is imported when the file lacks it.
public struct WrapRetries<Target: RetryTarget>: PrismaTransform {
    public static var id: String { Target.wrapID }
    public static var summary: String { Target.wrapSummary }
    public static var inverse: String { Target.unwrapID }
    public static var granularity: Granularity { .callSite }

    let context: PrismaContext
    let options: TransformOptions

    public init(context: PrismaContext, options: TransformOptions) {
        self.context = context
        self.options = options
    }

    public typealias Site = (call: PrismaCall, key: SiteKey, leaveReason: String?)

    /// A wrap writes calls of the helper: its module must export it. A revert puts back
    /// the helper and module it recorded instead.
    public static func preflight(_ context: PrismaContext, options: TransformOptions) throws {
        guard !options.restoring, let source = context.retryHelperSource,
              case .missing(let modulePath) = source.status else { return }
        throw CodemodError.configuration(
            "\(id) would call \(source.helper), but \(modulePath) does not export it (followed through its re-exports); "
                + "export it there, or name the module that does in prisma-codemod.yaml (retry.module, retry.helpers); nothing was changed",
            file: modulePath)
    }

    public func analyze(_ file: ParsedFile) throws -> SiteAnalysis<Site> {
        let prisma = PrismaFile(file: file, context: context)
        let keys = SiteKeys(prisma)
        let suppressions = options.restoring ? [] : Suppression.read(file)
        // Raw queries whose SQL says nothing are listed with the reason, never passed over.
        let calls = prisma.calls.filter {
            ($0.methodClass == Target.methodClass || $0.classReason != nil) && $0.retry == nil
        }.map { call in
            let line = file.lines.lineNumber(of: WriteWithoutRetry.reportedNode(call).byteRange.lowerBound)
            return (call, keys[call], Suppression.leaveReason(Target.wrapFixes, onLines: [line], in: suppressions) ?? leaveReason(call, in: prisma))
        }
        return SiteAnalysis(prisma: prisma, sites: calls)
    }

    private func leaveReason(_ call: PrismaCall, in prisma: PrismaFile) -> String? {
        if options.restoring {
            return nil  // the run being undone took this very retry off
        }
        if let reason = call.classReason {
            return "\(reason); left as it is"
        }
        if call.onTransactionClient {
            return "runs on the transaction client \(call.client); retrying one statement of a transaction is wrong, retry the whole $transaction call"
        }
        if call.inArrayTransaction {
            return "is part of an array $transaction; retrying one statement of a transaction is wrong, retry the whole $transaction call"
        }
        if prisma.isInsideTransaction(call.call) {
            return "runs inside a $transaction callback; retrying one statement of a transaction is wrong, retry the whole $transaction call"
        }
        if !call.awaitInside, !CallbackShape.isConsumedImmediately(call.operation, file: prisma.file) {
            return "is not awaited or returned; wrapped, the query would start earlier; left as it is"
        }
        return nil
    }

    public func candidates(in analysis: SiteAnalysis<Site>) -> [Candidate] {
        let file = analysis.prisma.file
        return analysis.sites.map { call, key, reason in
            let line = file.lines.lineNumber(of: call.expressionRange.lowerBound)
            return Candidate(key: key, range: call.expressionRange, lines: line...line, label: call.label,
                             operation: call.operationName, leaveReason: reason, callStart: call.codeStart)
        }
    }

    public func edits(for selected: [Candidate], in analysis: SiteAnalysis<Site>) throws -> Rewrite {
        let prisma = analysis.prisma
        // A revert puts back the helper the run took off, imported from where it was.
        let recorded = options.restoreHints[prisma.file.path]?.first
        let planned = context.retryHelperSource?.importPlan(for: prisma.file.path).name
        let helper = recorded?.name ?? prisma.retryImports.first?.specifier.localName ?? planned ?? context.retryHelperName
        let keys = Set(selected.map(\.key))
        var rewrite = Rewrite()
        var templates: [Range<Int>]?
        for (call, key, _) in analysis.sites where keys.contains(key) {
            templates = templates ?? Reindent.templateRanges(in: prisma.file)
            rewrite.edits += RetryEdits.wrap(call.expressionRange, operation: call.operation, helper: helper, in: prisma.file,
                                       templates: templates ?? [])
        }
        if !rewrite.edits.isEmpty, let importEdit = try RetryImports.ensureImported(helper, in: prisma, from: recorded?.module) {
            rewrite.edits.append(importEdit)
        }
        return rewrite
    }
}

import CodemodCore
import PrismaRules
import SyntaxTree

/// Puts Prisma calls of one class into the retry helper, in the seed's shape:
/// `executeWithRetry(() =>\n  <call, one level deeper>\n)` for calls that span
/// lines, `executeWithRetry(() => <call>)` for one-line calls. Calls on a
/// transaction client or inside an array `$transaction([…])` are never wrapped.
struct RetryWrapper {
    let target: PrismaConfiguration.MethodClass
    let context: PrismaContext
    let options: TransformOptions

    func rewrite(_ file: ParsedFile) throws -> Rewrite {
        let prisma = PrismaFile(file: file, context: context)
        let scope = RetryScope(options: options, path: file.path)
        let helper = prisma.retryImports.first?.specifier.localName ?? context.configuration.retryHelper
        let style = file.style
        var rewrite = Rewrite()
        rewrite.matched = scope.matchedSelectors(in: prisma)
        var templates: [Range<Int>]?
        for call in prisma.calls where call.methodClass == target && call.retry == nil {
            let operation = call.operation
            let line = file.point(operation.byteRange.lowerBound).row + 1
            guard scope.includes(call, lines: [line]) else { continue }
            let position = file.point(call.call.byteRange.lowerBound)
            func leave(_ reason: String) { rewrite.skipped.append(Note(position: position, message: "\(call.label): \(reason)")) }
            if call.onTransactionClient {
                leave("runs on the transaction client \(call.client); retrying one statement of a transaction is wrong, retry the whole $transaction call")
                continue
            }
            if call.inArrayTransaction {
                leave("is part of an array $transaction; retrying one statement of a transaction is wrong, retry the whole $transaction call")
                continue
            }
            if prisma.isInsideTransaction(call.call.byteRange.lowerBound) {
                leave("runs inside a $transaction callback; retrying one statement of a transaction is wrong, retry the whole $transaction call")
                continue
            }
            guard call.awaitInside || RetryUnwrapper.isConsumedImmediately(operation, file: file) else {
                leave("is not awaited or returned; wrapped, the query would start earlier; left as it is")
                continue
            }
            let range = call.expressionRange
            let indent = file.lines.indentation(of: range.lowerBound)
            // An `await` inside the call (in its arguments) needs an async callback.
            let arrow = Self.containsAwait(operation, from: range.lowerBound) ? "async () =>" : "() =>"
            if file.lines.line(of: range.upperBound) > file.lines.line(of: range.lowerBound) {
                rewrite.edits.append(.insert("\(helper)(\(arrow)" + style.lineEnding + indent + style.indentUnit, at: range.lowerBound))
                templates = templates ?? Reindent.templateRanges(in: file)
                rewrite.edits += Reindent.lines(of: range, in: file, templates: templates ?? [], add: style.indentUnit)
                rewrite.edits.append(.insert(style.lineEnding + indent + ")", at: range.upperBound))
            } else {
                rewrite.edits.append(.insert("\(helper)(\(arrow) ", at: range.lowerBound))
                rewrite.edits.append(.insert(")", at: range.upperBound))
            }
            rewrite.sites.append(Site(range: range, label: call.label))
        }
        if !rewrite.sites.isEmpty, let importEdit = try RetryImports.ensureImported(helper, in: prisma) {
            rewrite.edits.append(importEdit)
        }
        return rewrite
    }

    /// An `await` in the expression itself, not in a function nested in it.
    static func containsAwait(_ node: Node, from start: Int) -> Bool {
        var walk = node.preorder()
        while let inner = walk.next() {
            if PrismaFile.functionKinds.contains(inner.kind) { walk.skipChildren(); continue }
            if inner.kind == "await_expression", inner.byteRange.lowerBound >= start { return true }
        }
        return false
    }
}

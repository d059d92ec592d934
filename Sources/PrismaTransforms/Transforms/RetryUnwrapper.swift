import CodemodCore
import PrismaRules
import SyntaxTree

/// Takes Prisma calls of one class out of the retry helper:
/// `await executeWithRetry(() =>\n  prisma.x.findFirst(…)\n)` becomes
/// `await prisma.x.findFirst(…)`, the inner lines de-indented by the depth the
/// wrapper added. Shapes that would lose something are reported and left.
struct RetryUnwrapper {
    let target: PrismaConfiguration.MethodClass
    let context: PrismaContext
    let options: TransformOptions

    func rewrite(_ file: ParsedFile) throws -> Rewrite {
        let prisma = PrismaFile(file: file, context: context)
        guard !prisma.retryCalls.isEmpty else { return Rewrite() }
        let scope = RetryScope(options: options, path: file.path)
        var rewrite = Rewrite()
        rewrite.matched = scope.matchedSelectors(in: prisma)
        var removed: [RetryCall] = []
        var templates: [Range<Int>]?
        let callsByRetry = Dictionary(grouping: prisma.calls.filter { $0.retry != nil }) { $0.retry?.call.byteRange.lowerBound ?? -1 }
        for retry in prisma.retryCalls {
            // Calls nested in another call (statements of a wrapped $transaction) are part of it.
            let retried = callsByRetry[retry.call.byteRange.lowerBound] ?? []
            let inside = retried.filter { call in
                !retried.contains { $0.operation != call.operation && $0.operation.byteRange.contains(call.operation.byteRange.lowerBound) }
            }
            guard let primary = inside.first(where: { $0.methodClass == target }) else { continue }
            let retryLine = file.point(retry.call.byteRange.lowerBound).row + 1
            let callLine = file.point(primary.call.byteRange.lowerBound).row + 1
            guard scope.includes(primary, lines: [retryLine, callLine]) else { continue }
            let position = file.point(retry.call.byteRange.lowerBound)
            func leave(_ reason: String) { rewrite.skipped.append(Note(position: position, message: "\(primary.label): \(reason)")) }

            guard let callback = retry.callback, let body = Self.singleExpression(of: callback),
                  inside.count == 1, primary.operation == body else {
                leave("the \(retry.helper) callback does more than one operation (ambiguous); left as it is")
                continue
            }
            if let parameter = Self.usedParameter(of: callback, in: body, file: file) {
                leave("the callback uses its parameter '\(parameter)', which would be unbound; left as it is")
                continue
            }
            if !options.allowLossy {
                if retry.arguments.count > 1 {
                    let extra = retry.arguments.dropFirst().map { file.text($0) }.joined(separator: ", ")
                    leave("the retry arguments (\(extra)) would be lost; pass --allow-lossy to unwrap anyway")
                    continue
                }
                if Self.hasComments(in: retry.call, outside: body) {
                    leave("comments inside the \(retry.helper) call would be lost; pass --allow-lossy to unwrap anyway")
                    continue
                }
                if !retry.awaitInside, !Self.isConsumedImmediately(retry.call, file: file) {
                    leave("the retried call is stored un-awaited; unwrapped, the query would start only when awaited; pass --allow-lossy")
                    continue
                }
            }
            if let typeArguments = retry.typeArguments {
                rewrite.notes.append(Note(position: position, message: "\(primary.label): the type argument \(file.text(typeArguments)) of \(retry.helper) was dropped"))
            }
            let start = retry.awaitInside
                ? (retry.call.child(field: "function")?.namedChildren.first?.byteRange.lowerBound ?? retry.call.byteRange.lowerBound)
                : retry.call.byteRange.lowerBound
            // A mis-parsed `await prisma.x<T>(…)` body keeps its code, not its `await`.
            let bodyStart = primary.expressionRange.lowerBound
            rewrite.edits.append(.delete(start..<bodyStart))
            rewrite.edits.append(.delete(body.byteRange.upperBound..<retry.call.byteRange.upperBound))
            if file.lines.line(of: bodyStart) > file.lines.line(of: start) {
                let depth = Reindent.width(at: bodyStart, in: file) - Reindent.width(at: start, in: file)
                templates = templates ?? Reindent.templateRanges(in: file)
                rewrite.edits += Reindent.lines(of: bodyStart..<body.byteRange.upperBound, in: file, templates: templates ?? [], remove: max(0, depth))
            }
            rewrite.sites.append(Site(range: start..<retry.call.byteRange.upperBound, label: primary.label))
            removed.append(retry)
        }
        rewrite.edits += RetryImports.removeUnused(in: prisma, removedCalls: removed)
        return rewrite
    }

    /// The one expression a callback evaluates: its expression body, or the value
    /// of a block holding only `return …;`, without `await` and parentheses.
    static func singleExpression(of callback: Node) -> Node? {
        guard var body = callback.child(field: "body") else { return nil }
        if body.kind == "statement_block" {
            let statements = body.namedChildren.filter { $0.kind != "comment" }
            guard statements.count == 1, statements[0].kind == "return_statement",
                  let value = statements[0].namedChildren.first(where: { $0.kind != "comment" }) else { return nil }
            body = value
        }
        while true {
            if body.kind == "parenthesized_expression" || body.kind == "await_expression",
               let inner = body.namedChildren.first(where: { $0.kind != "comment" }) {
                body = inner
            } else {
                return body
            }
        }
    }

    static func usedParameter(of callback: Node, in body: Node, file: ParsedFile) -> String? {
        var names = Set<String>()
        if let single = callback.child(field: "parameter") { names.insert(file.text(single)) }
        for parameter in callback.child(field: "parameters")?.namedChildren ?? [] {
            for node in parameter.preorder() where node.kind == "identifier" { names.insert(file.text(node)) }
        }
        guard !names.isEmpty else { return nil }
        var walk = body.preorder()
        while let node = walk.next() {
            if node.kind == "identifier", names.contains(file.text(node)) { return file.text(node) }
        }
        return nil
    }

    static func hasComments(in callback: Node, outside body: Node) -> Bool {
        var walk = callback.preorder()
        while let node = walk.next() {
            if node == body { walk.skipChildren(); continue }
            if node.kind == "comment" { return true }
        }
        return false
    }

    /// Awaited or returned right away (also through `&&`, `?:` and `Promise.all([…])`),
    /// rather than stored: only then does taking the wrapper away keep the timing.
    static func isConsumedImmediately(_ node: Node, file: ParsedFile) -> Bool {
        var current = node
        while let parent = current.parent {
            switch parent.kind {
            case "await_expression", "return_statement":
                return true
            case "arrow_function":
                // `items.map((i) => prisma.x.update(…))` collects lazy queries (say, for
                // `$transaction(ops)`); only an async arrow, or one not handed to a call, awaits them.
                guard parent.child(field: "body") == current else { return false }
                let isAsync = parent.children.contains { !$0.isNamed && $0.kind == "async" }
                return isAsync || parent.parent?.kind != "arguments"
            case "parenthesized_expression", "binary_expression", "ternary_expression", "array", "arguments", "as_expression",
                 "non_null_expression":
                current = parent
            case "call_expression":
                guard let function = parent.child(field: "function"), file.text(function).hasPrefix("Promise.") else { return false }
                current = parent
            default:
                return false
            }
        }
        return false
    }
}

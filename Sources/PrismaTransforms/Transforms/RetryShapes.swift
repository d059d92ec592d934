import CodemodCore
import PrismaRules
import SyntaxTree

/// The class of Prisma calls a retry transform works on: one generic transform per
/// direction, two classes, four transforms (`unwrap-reads`, `wrap-reads`, `wrap-writes`, `unwrap-writes`).
public protocol RetryTarget: Sendable {
    static var methodClass: PrismaConfiguration.MethodClass { get }
    static var wrapID: String { get }
    static var unwrapID: String { get }
    static var wrapSummary: String { get }
    static var unwrapSummary: String { get }
    /// The checks whose findings the transforms fix: their suppression comments bind the
    /// transforms too, as ESLint's `--fix` leaves disabled lines.
    static var wrapFixes: String? { get }
    static var unwrapFixes: String? { get }
}

/// Reads: the seed's phase 1 takes their retries off.
public enum Reads: RetryTarget {
    public static var methodClass: PrismaConfiguration.MethodClass { .read }
    public static var wrapID: String { "wrap-reads" }
    public static var unwrapID: String { "unwrap-reads" }
    public static var wrapSummary: String { "Put Prisma reads into the retry helper (`executeWithRetry(() => …)`), a call spanning lines re-indented inside it." }
    public static var unwrapSummary: String {
        "Take the retry helper off Prisma reads: `await executeWithRetry(() => prisma.x.findMany())` becomes `await prisma.x.findMany()`."
    }
    public static var wrapFixes: String? { nil }
    public static var unwrapFixes: String? { ReadInRetry.id }
}

/// Writes: the seed's phase 3 retries `notification.create`.
public enum Writes: RetryTarget {
    public static var methodClass: PrismaConfiguration.MethodClass { .write }
    public static var wrapID: String { "wrap-writes" }
    public static var unwrapID: String { "unwrap-writes" }
    public static var wrapSummary: String { "Put Prisma writes into the retry helper (pick sites with `--only model.method`), a call spanning lines re-indented inside it." }
    public static var unwrapSummary: String { "Take the retry helper off Prisma writes." }
    public static var wrapFixes: String? { WriteWithoutRetry.id }
    public static var unwrapFixes: String? { nil }
}

/// What a call-site transform learns of a file: its Prisma analysis and the sites it found.
public struct SiteAnalysis<Site> {
    let prisma: PrismaFile
    let sites: [Site]
}

extension SiteAnalysis: ListsUnfollowed {
    /// The file's `unanalysable` sites: the call-site transforms list what they cannot see.
    public var unfollowed: [Note] {
        prisma.unanalysable.map { Note(position: prisma.file.position($0.node.byteRange.lowerBound), message: $0.reason) }
    }
}

extension Suppression {
    /// Why a transform leaves a site whose `line` a suppression of the check it fixes silences.
    static func leaveReason(_ check: String?, onLines lines: [Int], in suppressions: [Suppression]) -> String? {
        guard let check, let suppression = silencing(check, onLines: lines, in: suppressions) else { return nil }
        return "suppressed (\(suppression.directive))" + (suppression.reason.map { ": \($0)" } ?? "")
    }
}

/// Shapes of the callback handed to the retry helper.
enum CallbackShape {
    /// Why taking `retry` off its `body` would unbind a name or lose something, or nil when
    /// it can go exactly. `verb` names the transform's action in the `--allow-lossy` hint.
    static func removalObstacle(_ retry: RetryCall, body: Node, file: ParsedFile, allowLossy: Bool, verb: String) -> String? {
        if let callback = retry.callback, let parameter = usedParameter(of: callback, in: body, file: file) {
            return "the \(retry.helper) callback uses its parameter '\(parameter)', which would be unbound; left as it is"
        }
        guard !allowLossy else { return nil }
        if retry.arguments.count > 1 {
            let extra = retry.arguments.dropFirst().map { file.text($0) }.joined(separator: ", ")
            return "the retry arguments (\(extra)) would be lost; pass --allow-lossy to \(verb) anyway"
        }
        if hasComments(in: retry.call, outside: body) {
            return "comments inside the \(retry.helper) call would be lost; pass --allow-lossy to \(verb) anyway"
        }
        return nil
    }

    /// The one expression a callback evaluates: its expression body, or the value
    /// of a block holding only `return …;`, without `await` and parentheses.
    static func singleExpression(of callback: Node) -> Node? {
        guard var body = callback.child(field: .body) else { return nil }
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
        if let single = callback.child(field: .parameter) { names.insert(file.text(single)) }
        for parameter in callback.child(field: .parameters)?.namedChildren ?? [] {
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
                guard parent.child(field: .body) == current else { return false }
                let isAsync = parent.children.contains { !$0.isNamed && $0.kind == "async" }
                return isAsync || parent.parent?.kind != "arguments"
            case "parenthesized_expression", "binary_expression", "ternary_expression", "array", "arguments", "as_expression",
                 "non_null_expression":
                current = parent
            case "call_expression":
                guard let function = parent.child(field: .function), file.text(function).hasPrefix("Promise.") else { return false }
                current = parent
            default:
                return false
            }
        }
        return false
    }
}

/// The edits that put an expression into the retry helper and take it out again.
enum RetryEdits {
    /// The edits that replace a retry call by the one call its callback makes, de-indented.
    /// `bodyStart`: where the code of the body starts (after a mis-parsed `await`, upstream #282).
    static func unwrap(_ retry: RetryCall, body: Node, bodyStart: Int, in file: ParsedFile, templates: [Range<Int>]) -> [Edit] {
        let start = self.start(of: retry)
        let edits: [Edit] = [.delete(start..<bodyStart), .delete(body.byteRange.upperBound..<retry.call.byteRange.upperBound)]
        let depth = self.depth(of: retry, bodyStart: bodyStart, in: file)
        guard depth > 0 else { return edits }
        return edits + Reindent.lines(of: bodyStart..<body.byteRange.upperBound, in: file, templates: templates, remove: depth)
    }

    /// Where the helper call starts, after a mis-parsed `await` (upstream #282).
    static func start(of retry: RetryCall) -> Int {
        retry.awaitInside
            ? (retry.call.child(field: .function)?.namedChildren.first?.byteRange.lowerBound ?? retry.call.byteRange.lowerBound)
            : retry.call.byteRange.lowerBound
    }

    /// The indentation the wrapper added to the body's lines: what unwrapping takes off.
    static func depth(of retry: RetryCall, bodyStart: Int, in file: ParsedFile) -> Int {
        let start = self.start(of: retry)
        guard file.lines.line(of: bodyStart) > file.lines.line(of: start) else { return 0 }
        return max(0, Reindent.width(at: bodyStart, in: file) - Reindent.width(at: start, in: file))
    }

    /// The edits that put the expression at `range` into the helper, in the seed's shape. `dedent`: how many
    /// bytes of indentation another edit takes off the expression's lines.
    static func wrap(_ range: Range<Int>, operation: Node, helper: String, in file: ParsedFile, templates: [Range<Int>],
                     dedent: Int = 0) -> [Edit] {
        let style = file.style
        let indent = String(file.lines.indentation(of: range.lowerBound).dropFirst(dedent))
        // An `await` inside the call (in its arguments) needs an async callback.
        let arrow = containsAwait(operation, from: range.lowerBound) ? "async () =>" : "() =>"
        guard file.lines.line(of: range.upperBound) > file.lines.line(of: range.lowerBound) else {
            return [.insert("\(helper)(\(arrow) ", at: range.lowerBound), .insert(")", at: range.upperBound)]
        }
        return [.insert("\(helper)(\(arrow)" + style.lineEnding + indent + style.indentUnit, at: range.lowerBound)]
            + Reindent.lines(of: range, in: file, templates: templates, add: style.indentUnit)
            + [.insert(style.lineEnding + indent + ")", at: range.upperBound)]
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

enum Reindent {
    /// Edits that shift every line after the first of `range` by `levels` units
    /// (negative: remove up to that much leading white space). Lines starting inside
    /// a template literal are left alone: their white space is part of a string.
    static func lines(of range: Range<Int>, in file: ParsedFile, templates: [Range<Int>], add prefix: String = "", remove count: Int = 0) -> [Edit] {
        var edits: [Edit] = []
        let first = file.lines.line(of: range.lowerBound)
        let last = file.lines.line(of: max(range.lowerBound, range.upperBound - 1))
        guard last > first else { return [] }
        for line in (first + 1)...last {
            let start = file.lines.lineStarts[line]
            if insideTemplate(start, templates) { continue }
            let contentEnd = file.lines.lineContentEnd(of: start)
            if contentEnd == start { continue }  // blank lines stay blank
            if !prefix.isEmpty {
                edits.append(.insert(prefix, at: start))
            } else if count > 0 {
                var end = start
                while end < contentEnd, end - start < count, file.bytes[end] == UInt8(ascii: " ") || file.bytes[end] == UInt8(ascii: "\t") {
                    end += 1
                }
                if end > start { edits.append(.delete(start..<end)) }
            }
        }
        return edits
    }

    /// Whether `offset` lies strictly inside one of `templates` (in file order, not nested):
    /// a binary search, since a long file may hold thousands of them.
    static func insideTemplate(_ offset: Int, _ templates: [Range<Int>]) -> Bool {
        var low = 0, high = templates.count
        while low < high {
            let mid = (low + high) / 2
            if templates[mid].lowerBound < offset { low = mid + 1 } else { high = mid }
        }
        // templates[low - 1] is the last one starting before the offset.
        return low > 0 && offset < templates[low - 1].upperBound
    }

    /// The file's template literals (the outermost ones, in file order), found once per file.
    static func templateRanges(in file: ParsedFile) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var walk = file.root.preorder()
        while let node = walk.next() {
            if node.kind == "template_string" {
                ranges.append(node.byteRange)
                walk.skipChildren()
            }
        }
        return ranges
    }

    /// Width of the leading white space of the line holding `offset`, in bytes.
    static func width(at offset: Int, in file: ParsedFile) -> Int {
        file.lines.indentation(of: offset).utf8.count
    }
}

enum RetryImports {
    /// The edit that imports the helper when the file lacks it: merged into a value
    /// import of the helper's module, else a new statement after the imports.
    /// `recordedModule`: the specifier a revert recorded, used as the file wrote it.
    static func ensureImported(_ helper: String, in prisma: PrismaFile, from recordedModule: String? = nil) throws -> Edit? {
        let file = prisma.file
        let context = prisma.context
        // Bound already, by any import (even from another module) or a local declaration.
        if file.imports.contains(where: { $0.named.contains { $0.localName == helper } || $0.defaultName == helper }) { return nil }
        // The module that defines the helper calls it by its own name.
        if declaresLocally(helper, in: file) { return nil }
        let recordedKey = recordedModule.flatMap { context.resolver.resolve($0, from: file.path) }
        let plannedKey = context.retryHelperSource.flatMap { $0.importPlan(for: file.path).moduleKey }
        guard let moduleKey = recordedKey ?? plannedKey ?? context.retryModuleKey else {
            throw CodemodError.configuration("\(file.path): no module exporting \(helper) is known; set retry.module in prisma-codemod.yaml")
        }
        guard moduleKey != ModuleResolver.key(file.path) else {
            throw CodemodError.configuration("\(file.path): exports \(helper) but declares no function of that name to call; "
                                             + "declare it as a function or const before wrapping calls in this file")
        }
        let editor = file.importEditor
        if let statement = file.imports.first(where: {
            guard $0.acceptsValueSpecifiers, $0.braces != nil else { return false }
            let key = context.resolver.resolve($0.module, from: file.path)
            return key == moduleKey || (moduleKey == context.centralModuleKey && context.isCentral(key: key))
        }) {
            return editor.addSpecifier(helper, to: statement, first: false)
        }
        let style = context.resolver.style(of: file.imports.map(\.module), in: file.path)
        let module = recordedModule ?? context.resolver.specifier(for: moduleKey, from: file.path, style: style)
        return editor.insertAfterImports([editor.statementText(named: [helper], from: module)], imports: file.imports)
    }

    /// Edits removing helper imports that nothing uses once `removedCalls` are gone.
    static func removeUnused(in prisma: PrismaFile, removedCalls: [RetryCall]) -> [Edit] {
        let file = prisma.file
        var edits: [Edit] = []
        for retryImport in prisma.retryImports where retryImport.isUsed {
            let name = retryImport.specifier.localName
            let remaining = prisma.retryCalls.filter { $0.helper == name }.count - removedCalls.filter { $0.helper == name }.count
            let otherUses = references(to: name, in: file) - prisma.retryCalls.filter { $0.helper == name }.count
            if remaining == 0, otherUses == 0 {
                edits.append(file.importEditor.removeSpecifier(retryImport.specifier, from: retryImport.statement))
            }
        }
        return edits
    }

    /// Identifier references to a name outside import statements.
    static func references(to name: String, in file: ParsedFile) -> Int {
        let wanted = Array(name.utf8)
        var count = 0
        var walk = file.root.preorder()
        while let node = walk.next() {
            // Bytes first: most nodes are not the name, and a kind or a text is a new string.
            let range = node.byteRange
            guard range.count == wanted.count || node.childCount > 0 else { continue }
            if node.kind == "import_statement" { walk.skipChildren(); continue }
            if range.count == wanted.count, file.bytes[range].elementsEqual(wanted),
               node.kind == "identifier" || node.kind == "shorthand_property_identifier" { count += 1 }
        }
        return count
    }

    static func declaresLocally(_ name: String, in file: ParsedFile) -> Bool {
        PrismaFile.declaredNames(in: file).contains(name)
    }
}

import CodemodCore
import PrismaRules
import SyntaxTree

/// An import of the retry helper.
public struct RetryImport: Sendable {
    public var statement: ImportStatement
    public var specifier: ImportSpecifier
    public var isUsed: Bool
}

/// A call of the retry helper: `executeWithRetry(() => …, …)`.
public struct RetryCall {
    /// The helper's name as the file spells it.
    public var helper: String
    /// The whole call. When the grammar mis-parses `await f<T>(…)` (upstream #282),
    /// the `await` sits inside this node's function; `awaitInside` says so.
    public var call: Node
    public var awaitInside: Bool
    public var typeArguments: Node?
    /// The first argument when it is a function: the operation to retry.
    public var callback: Node?
    public var arguments: [Node]
}

/// The retry helper: the names it goes by (the configured ones, and any name it is
/// imported as from its module or the central one), its imports, and calls of it.
/// The helper is known by name, as the configuration names it.
struct RetryRecognizer {
    let file: ParsedFile
    private(set) var imports: [RetryImport] = []
    private(set) var names: Set<String>

    init(file: ParsedFile, context: PrismaContext) {
        self.file = file
        let configuration = context.configuration
        names = Set(configuration.retryHelpers)
        for statement in file.imports where !statement.isTypeOnly && statement.module != configuration.clientPackage {
            let key = context.resolver.resolve(statement.module, from: file.path)
            guard key != nil, key == context.retryModuleKey || context.isCentral(key: key) else { continue }
            for specifier in statement.named where configuration.retryHelpers.contains(specifier.name) && !specifier.isType {
                names.insert(specifier.localName)
                imports.append(RetryImport(statement: statement, specifier: specifier, isUsed: false))
            }
        }
    }

    /// Records which imports the file uses, from the names it mentions anywhere.
    mutating func noteUsedNames(_ used: Set<String>) {
        for index in imports.indices {
            imports[index].isUsed = used.contains(imports[index].specifier.localName)
        }
    }

    /// The retry call when `node` calls the helper, including the mis-parsed `await f<T>(…)`.
    func call(_ node: Node) -> RetryCall? {
        guard let function = node.child(field: .function) else { return nil }
        var awaitInside = false
        var callee = function
        if function.kind == "await_expression", let inner = function.namedChildren.first {
            awaitInside = true
            callee = inner
        }
        guard callee.kind == "identifier", names.contains(file.text(callee)) else { return nil }
        let arguments = node.child(field: .arguments)?.namedChildren.filter { $0.kind != "comment" } ?? []
        let first = arguments.first
        let callback = first.flatMap { ["arrow_function", "function_expression"].contains($0.kind) ? $0 : nil }
        return RetryCall(helper: file.text(callee), call: node, awaitInside: awaitInside,
                         typeArguments: node.child(field: .typeArguments), callback: callback, arguments: arguments)
    }

    /// For each call, the innermost retry call whose callback holds its operation: one
    /// sweep over byte ranges (which nest like the tree), no walking up parents.
    static func enclosingRetries(of calls: [PrismaCall], in retryCalls: [RetryCall]) -> [RetryCall?] {
        let callbacks = retryCalls.compactMap { retry in retry.callback.map { (range: $0.byteRange, retry: retry) } }
            .sorted { ($0.range.lowerBound, -$0.range.upperBound) < ($1.range.lowerBound, -$1.range.upperBound) }
        var result = [RetryCall?](repeating: nil, count: calls.count)
        var open: [(range: Range<Int>, retry: RetryCall)] = []
        var next = 0
        for index in calls.indices.sorted(by: { calls[$0].operation.byteRange.lowerBound < calls[$1].operation.byteRange.lowerBound }) {
            let range = calls[index].operation.byteRange
            while next < callbacks.count, callbacks[next].range.lowerBound <= range.lowerBound {
                while let top = open.last, top.range.upperBound <= callbacks[next].range.lowerBound { open.removeLast() }
                open.append(callbacks[next])
                next += 1
            }
            while let top = open.last, top.range.upperBound < range.upperBound { open.removeLast() }
            result[index] = open.last?.retry
        }
        return result
    }
}

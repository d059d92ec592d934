import Dispatch
import Foundation
import SyntaxTree

/// One parser per grammar, owned by one worker: tree-sitter parsers are not thread-safe.
public final class ParserSet {
    private var parsers: [Language: Parser] = [:]

    public init() {}

    public func parser(for language: Language) throws -> Parser {
        if let parser = parsers[language] { return parser }
        let parser = try Parser(language: language)
        parsers[language] = parser
        return parser
    }
}

/// Per-file work spread over all cores, results in input order. Each worker has
/// its own parsers; the body must not touch shared mutable state.
public enum Parallel {
    public static func map<T>(count: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                              _ body: (Int, ParserSet) -> T) -> [T] {
        let results = ResultSlots<T>(count: count)
        let workerCount = max(1, min(workers, count))
        withoutActuallyEscaping(body) { body in
            let box = UncheckedBox(body)
            DispatchQueue.concurrentPerform(iterations: workerCount) { worker in
                let parsers = ParserSet()
                var index = worker
                while index < count {
                    results.set(index, box.value(index, parsers))
                    index += workerCount
                }
            }
        }
        return results.values()
    }
}

private final class UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Result storage written by index from many threads, each index once.
private final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: T) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    func values() -> [T] { slots.compactMap { $0 } }
}

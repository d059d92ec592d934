import Dispatch
import Foundation
import SyntaxTree

/// One parser per grammar, owned by one worker: tree-sitter parsers are not thread-safe.
public final class ParserSet {
    private var parsers: [Language: Parser] = [:]
    /// How many threads one file's pieces may take (`Parser.pieceWorkers`).
    private let pieceWorkers: Int

    public init(pieceWorkers: Int = 1) {
        self.pieceWorkers = pieceWorkers
    }

    public func parser(for language: Language) throws -> Parser {
        if let parser = parsers[language] { return parser }
        let parser = try Parser(language: language, pieceWorkers: pieceWorkers)
        parsers[language] = parser
        return parser
    }
}

/// How per-file work runs inside a scope (`Parallel.$settings.withValue(…) { … }`): the
/// number of workers (`--jobs`) and the counter a progress line reads. Bound for a scope
/// rather than passed down, so that every layer's per-file pass honours the same `--jobs`.
public struct ParallelSettings: Sendable {
    public var workers: Int
    public var progress: ProgressCounter?

    public init(workers: Int = ProcessInfo.processInfo.activeProcessorCount, progress: ProgressCounter? = nil) {
        self.workers = max(1, workers)
        self.progress = progress
    }
}

/// Files done in the current stage of a run, counted by the workers and read by whoever
/// draws a progress line (the CLI, on a timer); the workers never wait for the drawing.
public final class ProgressCounter: @unchecked Sendable {
    public struct Snapshot: Sendable {
        public var stage: String
        public var done: Int
        public var total: Int
        /// When this stage began (`DispatchTime` nanoseconds).
        public var stageStart: UInt64
    }

    private let lock = NSLock()
    private var current = Snapshot(stage: "", done: 0, total: 0, stageStart: DispatchTime.now().uptimeNanoseconds)

    public init() {}

    func begin(_ stage: String, total: Int) {
        lock.withLock { current = Snapshot(stage: stage, done: 0, total: total, stageStart: DispatchTime.now().uptimeNanoseconds) }
    }

    func advance() {
        lock.withLock { current.done += 1 }
    }

    public var snapshot: Snapshot { lock.withLock { current } }
}

/// Per-file work spread over the workers of the scope's `settings` (default: all cores),
/// results in input order. Each worker has its own parsers; the body must not touch shared
/// mutable state. A `stage` names the pass on the progress line.
public enum Parallel {
    @TaskLocal public static var settings = ParallelSettings()

    public static func map<T>(count: Int, stage: String? = nil, _ body: (Int, ParserSet) -> T) -> [T] {
        let settings = Parallel.settings
        let progress = stage == nil ? nil : settings.progress
        if let progress, let stage { progress.begin(stage, total: count) }
        let results = ResultSlots<T>(count: count)
        let workerCount = max(1, min(settings.workers, count))
        withoutActuallyEscaping(body) { body in
            let box = UncheckedBox(body)
            // Each worker takes the next file when it is free, so one slow file never leaves a core idle.
            DispatchQueue.concurrentPerform(iterations: workerCount) { _ in
                // A file large enough to be parsed in pieces may spread them over every worker:
                // it is often the last file left while the other workers are idle.
                let parsers = ParserSet(pieceWorkers: settings.workers)
                while let index = results.claim() {
                    results.set(index, box.value(index, parsers))
                    progress?.advance()
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

/// Result storage written by index from many threads, each index claimed and written once.
private final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private var next = 0
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// The next index no worker has taken, nil when all are taken.
    func claim() -> Int? {
        lock.withLock {
            guard next < slots.count else { return nil }
            next += 1
            return next - 1
        }
    }

    func set(_ index: Int, _ value: T) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    func values() -> [T] { slots.compactMap { $0 } }
}

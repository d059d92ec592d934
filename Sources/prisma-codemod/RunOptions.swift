import ArgumentParser
import CodemodCore
import Dispatch
import Foundation

/// How a command that reads a tree runs: how many files at once, how much it says, and in colour or not.
struct RunOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Files worked on at once (default: the number of cores).", valueName: "n"))
    var jobs: Int?

    /// One option for both senses of quiet, as ESLint's: less said while working, and `check`'s report holds errors only.
    @Flag(help: "No progress line on the terminal; check reports findings at error severity only.")
    var quiet = false

    @Option(help: ArgumentHelp("Colour: auto (a terminal without NO_COLOR or TERM=dumb; FORCE_COLOR forces it), always or never.",
                               valueName: "when"))
    var color: ColorChoice = .auto

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs takes a number of at least 1, got \(jobs)") }
    }

    /// Runs `work` with the chosen number of workers and, on a terminal, a live line on stderr
    /// (`check: analysing 4,200/10,000 files, 1,830 files/s, 6.1 s`) cleared when it returns.
    /// Kept around the work only: what a command prints comes after, on a clean line.
    func around<T>(_ verb: String, _ work: () throws -> T) throws -> T {
        let line = quiet || !Output.stderrIsSmartTerminal ? nil : ProgressLine(verb: verb)
        line?.start()
        defer { line?.stop() }
        let settings = ParallelSettings(workers: jobs ?? ProcessInfo.processInfo.activeProcessorCount, progress: line?.counter)
        return try Parallel.$settings.withValue(settings) { try work() }
    }
}

/// The line itself, redrawn on a timer from the workers' counter; only for stages of more
/// than a few hundred files, so a small run never flickers.
final class ProgressLine: @unchecked Sendable {
    static let minimumFiles = 300

    let counter = ProgressCounter()
    private let verb: String
    private let queue = DispatchQueue(label: "prisma-codemod.progress")
    private let timer: DispatchSourceTimer
    /// The first line's creation: a command that works in several scopes shows its whole time.
    private static let commandStart = DispatchTime.now().uptimeNanoseconds
    /// Touched on `queue` only.
    private var drawn = false

    init(verb: String) {
        self.verb = verb
        _ = Self.commandStart
        timer = DispatchSource.makeTimerSource(queue: queue)
    }

    func start() {
        timer.schedule(deadline: .now() + .milliseconds(200), repeating: .milliseconds(100))
        timer.setEventHandler { [self] in draw() }
        timer.resume()
    }

    func stop() {
        timer.cancel()
        queue.sync {
            if drawn { Output.errRaw("\r\u{1B}[K") }
            drawn = false
        }
    }

    private func draw() {
        let state = counter.snapshot
        guard state.total >= Self.minimumFiles else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        let stageSeconds = Double(now - min(now, state.stageStart)) / 1e9
        let rate = stageSeconds > 0 ? Int(Double(state.done) / stageSeconds) : 0
        let elapsed = Double(now - min(now, Self.commandStart)) / 1e9
        Output.errRaw("\r\u{1B}[K\(verb): \(state.stage) \(state.done.formatted())/\(state.total.formatted()) files, "
                      + "\(rate.formatted()) files/s, \(String(format: "%.1f", elapsed)) s")
        drawn = true
    }
}

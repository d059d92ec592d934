import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// While files are being replaced, SIGINT, SIGTERM and SIGHUP do not kill the process
/// mid-way: they are noted, and the writer either finishes the renames it started or puts
/// back what it replaced, then stops with 128 + the signal's number. Outside a guard the
/// signals act as usual (nothing is being written then).
public final class InterruptGuard: @unchecked Sendable {
    public static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    private var sources: [DispatchSourceSignal] = []
    private let lock = NSLock()
    private var first: Int32?

    public init() {
        for number in Self.signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.note(number) }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        for source in sources { source.cancel() }
        for number in Self.signals { signal(number, SIG_DFL) }
    }

    private func note(_ number: Int32) {
        lock.lock()
        if first == nil { first = number }
        lock.unlock()
    }

    /// The first signal received so far, if any. A signal is delivered to the handler's
    /// queue shortly after it arrives; `settle` gives it that moment before a final look.
    public func received(settle: Bool = false) -> Int32? {
        if settle { Thread.sleep(forTimeInterval: 0.05) }
        lock.lock()
        defer { lock.unlock() }
        return first
    }

    public static func name(of signal: Int32) -> String {
        switch signal {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        case SIGHUP: return "SIGHUP"
        default: return "signal \(signal)"
        }
    }
}

import ArgumentParser
import CodemodCore
import Foundation

/// Where the CLI writes: results on stdout, summaries and errors on stderr.
enum Output {
    /// The result on stdout. Stdout that cannot take it (a closed pipe, `>/dev/full`, a full
    /// disk) ends the command: exit 2 and one line on stderr, which `done` completes with what
    /// the command already did (say, "files were changed and journaled as run X"), so that a
    /// lost report is never mistaken for a run that did nothing.
    static func out(_ text: String, done: String? = nil) {
        guard let failure = write(Array(text.utf8), to: STDOUT_FILENO) else { return }
        let reason = String(cString: strerror(failure))
        err(done.map { "error: \($0); the report could not be printed: \(reason)" } ?? "error: cannot write the output: \(reason)")
        exit(Exit.usageOrFailure.rawValue)
    }

    static func err(_ text: String) {
        errRaw(text.hasSuffix("\n") ? text : text + "\n")
    }

    /// Exactly these bytes on stderr (progress lines). A stderr that cannot take them has
    /// no one left to tell, so the failure is dropped; the exit code still says how it went.
    static func errRaw(_ text: String) {
        _ = write(Array(text.utf8), to: STDERR_FILENO)
    }

    /// Writes all the bytes, or returns the errno that stopped it. Foundation's
    /// `FileHandle.write` traps on an error instead (SIGILL and a backtrace).
    private static func write(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        bytes.withUnsafeBytes { buffer -> Int32? in
            guard let base = buffer.baseAddress else { return nil }
            var offset = 0
            while offset < buffer.count {
                let count = Foundation.write(descriptor, base + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += count
            }
            return nil
        }
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Color only on a terminal, and never when NO_COLOR is set.
    static var useColor: Bool {
        stdoutIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
    }

    static var currentDirectory: URL {
        URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
    }
}

/// The exit codes shared by every command.
enum Exit {
    static let ok = ExitCode(0)
    static let changesOrFindings = ExitCode(1)
    static let usageOrFailure = ExitCode(2)

    /// Prints a typed error and exits 2 (128 + the signal's number for an interrupted write, as shells do).
    static func fail(_ error: Error) -> ExitCode {
        if let error = error as? CodemodError {
            Output.err("error: \(error.message)")
            if case .interrupted(let signal, _) = error { return ExitCode(128 + signal) }
        } else {
            Output.err("error: \(describe(error))")
        }
        return usageOrFailure
    }

    /// A file system error as one line, `PATH: reason` (say, an uncreatable `--journal`
    /// folder), instead of Foundation's dump of its user info.
    static func describe(_ error: Error) -> String {
        let error = error as NSError
        guard error.domain == NSCocoaErrorDomain || error.domain == NSPOSIXErrorDomain else { return "\(error)" }
        let underlying = (error.userInfo[NSUnderlyingErrorKey] as? Error).map { $0 as NSError }
        let reason: String
        if let underlying, underlying.domain == NSPOSIXErrorDomain {
            reason = String(cString: strerror(Int32(underlying.code)))
        } else if error.domain == NSPOSIXErrorDomain {
            reason = String(cString: strerror(Int32(error.code)))
        } else {
            let known = [NSFileNoSuchFileError: "no such file or directory", NSFileReadNoPermissionError: "permission denied",
                         NSFileWriteNoPermissionError: "permission denied", NSFileWriteOutOfSpaceError: "no space left on device",
                         NSFileWriteVolumeReadOnlyError: "read-only file system", NSFileWriteUnknownError: "cannot be created or written"]
            reason = known[error.code] ?? error.localizedDescription
        }
        let path = error.userInfo[NSFilePathErrorKey] as? String ?? (error.userInfo[NSURLErrorKey] as? URL)?.path
        return path.map { "\($0): \(reason)" } ?? reason
    }
}

/// Options every command that reads a tree takes.
struct SelectionOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Files or folders (default: the current folder).", valueName: "path"), completion: .file())
    var paths: [String] = []

    @Option(name: .customLong("include"), help: ArgumentHelp("Only files matching this glob (repeatable; !glob takes files back out).",
                                                             valueName: "glob"))
    var includes: [String] = []

    @Option(name: .customLong("exclude"), help: ArgumentHelp("Skip files matching this glob (repeatable; !glob keeps files after all).",
                                                             valueName: "glob"))
    var excludes: [String] = []

    @Option(help: ArgumentHelp("File extensions to read, comma-separated (default: ts,tsx,mts,cts,js,jsx,mjs,cjs).",
                               valueName: "ext,ext"))
    var extensions: [String] = []

    @Option(help: ArgumentHelp("Root-relative path of the module exporting the shared client (default: detected).", valueName: "path"),
            completion: .file())
    var centralModule: String?

    @Flag(name: .customLong("no-git"), help: "Walk folders as outside git, ignoring .gitignore: for a work tree where git cannot run.")
    var noGit = false

    /// Throws on a malformed glob or an unknown extension, naming it (exit 2, like every typed error).
    func selection() throws -> FileSelection {
        var selection = try FileSelection(includes: includes, excludes: excludes, extensions: extensions)
        selection.usesGit = !noGit
        return selection
    }
}

extension Output {
    /// "N file(s) in 1 project", on stderr before anything a command says about them, so that
    /// a run over fewer files than meant (a glob, an ignored folder) shows at once.
    static func scope(files: Int, projects: Int = 1) {
        err("\(files) file(s) in \(projects) project\(projects == 1 ? "" : "s")")
    }
}

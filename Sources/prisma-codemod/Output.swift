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
        // Not FileHandle.write: it traps on an error (SIGILL and a backtrace).
        stdoutFailed(AtomicWriter.writeAll(text, to: STDOUT_FILENO), done: done)
    }

    static func out(_ bytes: [UInt8], done: String? = nil) {
        stdoutFailed(AtomicWriter.writeAll(bytes, to: STDOUT_FILENO), done: done)
    }

    private static func stdoutFailed(_ failure: Int32?, done: String?) {
        guard let failure else { return }
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
        _ = AtomicWriter.writeAll(Array(text.utf8), to: STDERR_FILENO)
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Whether stderr takes cursor movement (the progress line): a terminal that is not `TERM=dumb`.
    static var stderrIsSmartTerminal: Bool {
        stderrIsTerminal && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// Whether what goes to `descriptor` is coloured, decided for that stream alone, so that
    /// `apply -i 2>file` keeps escape codes out of the file whatever stdout is. In order:
    /// `--color always|never`; `FORCE_COLOR` (`0` or `false`: never, any other value: always,
    /// as Node's tools read it); `NO_COLOR` set and not empty; `TERM=dumb`; then a terminal or not.
    static func colors(_ descriptor: Int32, _ choice: ColorChoice,
                       environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto: break
        }
        if let force = environment["FORCE_COLOR"] { return !["0", "false"].contains(force.lowercased()) }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return isatty(descriptor) == 1
    }

    /// A report on stdout, or written atomically to `file` (`-o FILE`; a relative path is taken
    /// from the current folder, missing folders are made, as ESLint's `-o` does). Summaries stay
    /// on stderr either way.
    static func report(_ text: String, to file: String?, done: String? = nil) throws {
        guard let file else { return out(text, done: done) }
        let url = Project.resolve(file, against: currentDirectory)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try AtomicWriter.write(Array(text.utf8), to: url, displayPath: file)
    }

    /// `report(_:to:done:)` of bytes already encoded.
    static func report(_ bytes: [UInt8], to file: String?, done: String? = nil) throws {
        guard let file else { return out(bytes, done: done) }
        let url = Project.resolve(file, against: currentDirectory)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try AtomicWriter.write(bytes, to: url, displayPath: file)
    }

    /// A report `write` hands over in pieces (`JSONOutput.write`), as `report(_:to:done:)` writes a whole one.
    static func report(to file: String?, done: String? = nil, _ write: ((String) throws -> Void) throws -> Void) throws {
        guard let file else { return try write { out($0, done: done) } }
        let url = Project.resolve(file, against: currentDirectory)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try AtomicWriter.write(to: url, displayPath: file) { emit in
            try withoutActuallyEscaping(emit) { emit in try write { try emit(Array($0.utf8)) } }
        }
    }

    static var currentDirectory: URL {
        URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
    }
}

/// `--color`: `auto` decides per stream from the environment and whether it is a terminal.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable, Sendable { case auto, always, never }

/// ANSI SGR sequences, applied only where `Output.colors` says so.
enum ANSI {
    static let reset = "\u{1B}[0m"
    static let bold = "\u{1B}[1m"
    static let red = "\u{1B}[31m"
    static let green = "\u{1B}[32m"
    static let yellow = "\u{1B}[33m"
    static let cyan = "\u{1B}[36m"
    static let dim = "\u{1B}[2m"

    static func paint(_ text: some StringProtocol, _ style: String) -> String { style + String(text) + reset }
}

/// `-o FILE`: where a report command writes its report instead of stdout.
struct ReportFileOption: ParsableArguments {
    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("Write the report to this file (atomically) instead of stdout; the summary stays on stderr.",
                               valueName: "file"))
    var output: String?
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

/// After `--commit`: files the repository's hooks rewrote once they were written.
enum HookChanges {
    static func warn(_ paths: [String], project: Project) {
        guard !paths.isEmpty else { return }
        let shown = paths.prefix(5).map(project.repositoryPath).joined(separator: ", ") + (paths.count > 5 ? " and \(paths.count - 5) more" : "")
        Output.err("warning: the commit hooks changed \(paths.count) file(s) after prisma-codemod wrote them (\(shown)); the commit and the "
                   + "journal hold the hooks' version, and `rollback` restores the files as they were before this run")
    }
}

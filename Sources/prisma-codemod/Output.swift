import ArgumentParser
import CodemodCore
import Foundation

/// Where the CLI writes: results on stdout, summaries and errors on stderr.
enum Output {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Exactly these bytes on stderr (progress lines).
    static func errRaw(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
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
            Output.err("error: \(error)")
        }
        return usageOrFailure
    }
}

/// Options every command that reads a tree takes.
struct SelectionOptions: ParsableArguments {
    @Argument(help: "Files or folders (default: the current folder).")
    var paths: [String] = []

    @Option(name: .customLong("include"), help: "Only files matching this glob (repeatable; !glob takes files back out).")
    var includes: [String] = []

    @Option(name: .customLong("exclude"), help: "Skip files matching this glob (repeatable; !glob keeps files after all).")
    var excludes: [String] = []

    @Option(help: ArgumentHelp("File extensions to read, comma-separated (default: ts,tsx,mts,cts,js,jsx,mjs,cjs).",
                               valueName: "ext,ext"))
    var extensions: [String] = []

    @Option(help: "Root-relative path of the module exporting the shared client (default: detected).")
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

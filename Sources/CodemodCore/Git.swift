import Foundation

/// Runs git as a subprocess with an argument vector, never through a shell.
public enum Git {
    public struct Result: Sendable {
        public var status: Int32
        public var output: Data
        public var errorText: String
        public var text: String { String(decoding: output, as: UTF8.self) }
    }

    public static func run(_ arguments: [String], in directory: URL, input: Data? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = directory
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        let stdin = Pipe()
        process.standardInput = stdin
        // Told by Foundation's own watch on the child: `waitUntilExit` polls its run loop every
        // 50 ms, which made each git call of a run up to 50 ms slower than git itself.
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        if let input { stdin.fileHandleForWriting.write(input) }
        try? stdin.fileHandleForWriting.close()
        // Read both pipes before waiting, so a large output cannot block the child.
        let errorReader = BackgroundRead(stderr.fileHandleForReading)
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        exited.wait()
        return Result(status: process.terminationStatus, output: output,
                      errorText: String(decoding: errorReader.wait(), as: UTF8.self))
    }

    /// Why git does not answer in `directory` although a `.git` at or above it says a work
    /// tree holds it; nil when no `.git` is there (a plain folder).
    public static func problem(at directory: URL) -> String? {
        var folder = directory.standardizedFileURL
        var marker: String?
        while true {
            let candidate = folder.appendingPathComponent(".git").path
            if FileManager.default.fileExists(atPath: candidate) { marker = candidate; break }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        guard let marker else { return nil }
        let reason: String
        if let result = try? run(["rev-parse", "--show-toplevel"], in: directory) {
            if result.status == 0 { return nil }
            let text = result.errorText.trimmingCharacters(in: .whitespacesAndNewlines)
            reason = result.status == 127 ? "git is not on PATH" : (text.split(separator: "\n").first.map(String.init) ?? "exit \(result.status)")
        } else {
            reason = "git cannot be started"
        }
        return "\(directory.path) is in a git work tree (\(marker)), but git cannot be used there: \(reason). "
            + "Without git, .gitignore cannot be honoured; fix git (for \"dubious ownership\": git config --global --add safe.directory <folder>), "
            + "or pass --no-git to treat the folder as a plain one"
    }

    /// The top folder of the work tree holding `directory`, or nil outside git.
    public static func topLevel(of directory: URL) -> URL? {
        guard let result = try? run(["rev-parse", "--show-toplevel"], in: directory), result.status == 0 else { return nil }
        let path = result.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return path.isEmpty ? nil : URL(fileURLWithPath: path).standardizedFileURL
    }
}

/// Reads a file handle to its end on another thread.
final class BackgroundRead: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}

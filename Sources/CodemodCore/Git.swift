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
        try process.run()
        if let input { stdin.fileHandleForWriting.write(input) }
        try? stdin.fileHandleForWriting.close()
        // Read both pipes before waiting, so a large output cannot block the child.
        let errorReader = BackgroundRead(stderr.fileHandleForReading)
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: output,
                      errorText: String(decoding: errorReader.wait(), as: UTF8.self))
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

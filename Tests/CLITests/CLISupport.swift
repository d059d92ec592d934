import Foundation
import XCTest

let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let backendFixture = repositoryRoot.appendingPathComponent("Fixtures/backend")

/// The built `prisma-codemod`, next to the test bundle.
var toolURL: URL {
    Bundle.main.bundleURL.appendingPathComponent("prisma-codemod")
}

final class DataBox: @unchecked Sendable { var data = Data() }

struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs a program with an argument vector (no shell), feeding `input` to stdin.
@discardableResult
func runProcess(_ executable: URL, _ arguments: [String], in directory: URL, input: String? = nil,
         environment: [String: String] = [:]) throws -> RunResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    // Colour is the tests' to ask for: none inherited from the shell that runs them.
    env["FORCE_COLOR"] = nil
    env["NO_COLOR"] = nil
    env.merge(environment) { _, new in new }
    process.environment = env
    let out = Pipe(), err = Pipe(), stdin = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = stdin
    try process.run()
    if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
    try stdin.fileHandleForWriting.close()
    let errBox = DataBox()
    let errDone = DispatchSemaphore(value: 0)
    let errHandle = err.fileHandleForReading
    DispatchQueue.global().async {
        errBox.data = errHandle.readDataToEndOfFile()
        errDone.signal()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    errDone.wait()
    let errData = errBox.data
    process.waitUntilExit()
    return RunResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                     stderr: String(decoding: errData, as: UTF8.self))
}

@discardableResult
func tool(_ arguments: [String], in directory: URL, input: String? = nil, environment: [String: String] = [:]) throws -> RunResult {
    try runProcess(toolURL, arguments, in: directory, input: input, environment: environment)
}

@discardableResult
func git(_ arguments: [String], in directory: URL, input: String? = nil) throws -> RunResult {
    let result = try runProcess(URL(fileURLWithPath: "/usr/bin/env"),
                         ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"] + arguments,
                         in: directory, input: input)
    if result.status != 0 { XCTFail("git \(arguments.joined(separator: " ")) failed: \(result.stderr)") }
    return result
}

/// A temporary git repository holding a copy of the sample backend, committed.
func backendRepository(file: StaticString = #filePath, line: UInt = #line) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prisma-codemod-cli-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: backendFixture, to: folder)
    // The tool's state from runs on the fixture itself (say, its results cache) is not the fixture's.
    try? FileManager.default.removeItem(at: folder.appendingPathComponent(".prisma-codemod"))
    try git(["init", "-q", "-b", "main"], in: folder)
    try git(["add", "-A"], in: folder)
    try git(["commit", "-q", "-m", "start"], in: folder)
    return folder
}

/// Every file below a folder (no .git), path → bytes.
func snapshot(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
    while let url = enumerator?.nextObject() as? URL {
        let relative = String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
        if relative.hasPrefix(".git/") || relative == ".git" || relative.hasPrefix(".prisma-codemod") { continue }
        if (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            files[relative] = try Data(contentsOf: url)
        }
    }
    return files
}

/// A temporary project from path → text, committed in a fresh git repository.
func temporaryProject(_ files: [String: String], prefix: String = "prisma-codemod-project") throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    for (path, text) in files {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
    try git(["init", "-q", "-b", "main"], in: folder)
    try git(["add", "-A"], in: folder)
    try git(["commit", "-q", "-m", "start"], in: folder)
    return folder
}

import CodemodCore
import Foundation
import SyntaxTree

func parse(_ text: String, path: String = "src/a.ts") throws -> ParsedFile {
    try ParsedFile(path: path, bytes: Array(text.utf8), parser: Parser(language: Language(fileName: path) ?? .typescript))
}

func apply(_ edits: [Edit], to text: String) throws -> String {
    String(decoding: try EditSet(edits).apply(to: Array(text.utf8)), as: UTF8.self)
}

/// A fresh temporary folder, removed by the caller's defer.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("prisma-codemod-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@discardableResult
func shell(_ arguments: [String], in directory: URL, input: String? = nil) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.currentDirectoryURL = directory
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    let stdin = Pipe()
    process.standardInput = stdin
    try process.run()
    if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
    try stdin.fileHandleForWriting.close()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

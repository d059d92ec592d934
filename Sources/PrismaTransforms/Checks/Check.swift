import CodemodCore
import PrismaRules
import SyntaxTree

/// A rule of `prisma-codemod check`, declared once: its id, what it reports, how severe
/// that is by default, and examples that run as tests (`CheckExamplesTests`). Rules files
/// only switch a check on or off or re-grade it, by id (`CheckRegistry`).
///
/// A check works in up to two phases. `violations(in:)` looks at one file; the files of a
/// run are looked at in parallel. `settle(_:)` sees what every file gave, for a check that
/// judges the run as a whole. Suppression comments are matched after the whole-run phase,
/// so they silence what it reports too, unless the check settles after them to judge the
/// comments themselves (`settlesAfterSuppressions`).
public protocol Check: Sendable {
    /// Kebab-case, as written in rules files, suppression comments and output.
    static var id: String { get }
    /// One sentence on what the check flags: SARIF's short description and README's list.
    static var summary: String { get }
    /// Why a finding matters, a few sentences after `summary`: SARIF's `fullDescription`.
    static var rationale: String { get }
    /// How to resolve a finding (the transform that fixes it, or what to change by hand): SARIF's `help`.
    static var fix: String { get }
    static var defaultSeverity: CheckSeverity { get }
    /// Whether the check runs unless a rules file switches it off.
    static var enabledByDefault: Bool { get }
    /// Code the check flags, `↓` marking where each of its findings starts.
    static var triggeringExamples: [CheckExample] { get }
    /// Code the check leaves alone.
    static var nonTriggeringExamples: [CheckExample] { get }
    /// Whether `settle(_:)` runs after suppression comments are matched (and sees the unused ones).
    static var settlesAfterSuppressions: Bool { get }

    /// Per-file phase: what this file shows on its own.
    static func violations(in file: PrismaFile) -> [Violation]
    /// Whole-run phase: from every file's violations, what the run reports.
    static func settle(_ run: CheckRun) -> [String: [Violation]]
}

extension Check {
    public static var settlesAfterSuppressions: Bool { false }
    public static func violations(in file: PrismaFile) -> [Violation] { [] }
    public static func settle(_ run: CheckRun) -> [String: [Violation]] { run.violations }
}

/// One place a check flags, before the run gives it a path, an id and a severity.
public struct Violation: Codable, Sendable, Equatable {
    /// One-based, the column in code points (like every position the tool prints).
    public var line: Int
    public var column: Int
    /// Where the flagged code ends: the position just after its last character.
    public var endLine: Int
    public var endColumn: Int
    public var message: String
    /// The flagged code with white space collapsed: what a baseline matches on,
    /// so that edits elsewhere in the file do not invalidate it.
    public var code: String
    /// The retry call around the flagged Prisma call, when the finding is about both; `line`
    /// and `column` are then the Prisma call's. A suppression on either line silences it.
    public var wrapper: SourcePosition?

    /// A violation of `code` as written at `line`:`column`; it ends where that text ends.
    public init(line: Int, column: Int, message: String, code: String, wrapper: SourcePosition? = nil) {
        var end = SourcePosition(line: line, column: column)
        for character in code.unicodeScalars {
            if character == "\n" {
                end = SourcePosition(line: end.line + 1, column: 1)
            } else if character != "\r" {
                end.column += 1
            }
        }
        self.init(start: SourcePosition(line: line, column: column), end: end, message: message, code: code, wrapper: wrapper)
    }

    /// A violation at the Prisma call starting at `callStart`, inside `retry`, ending where the
    /// retry call ends: the code is the retry call's, as baselines recorded it before positions
    /// moved to the Prisma call.
    public init(callStart: Int?, retry: RetryCall, in file: ParsedFile, message: String) {
        let wrapper = file.position(retry.reportedNode.byteRange.lowerBound)
        let position = callStart.map(file.position) ?? wrapper
        self.init(start: position, end: file.position(retry.reportedNode.byteRange.upperBound), message: message,
                  code: file.text(retry.reportedNode), wrapper: callStart == nil ? nil : wrapper)
    }

    /// A violation where `node` starts, its code taken from the file.
    public init(at node: Node, in file: ParsedFile, message: String) {
        self.init(start: file.position(node.byteRange.lowerBound), end: file.position(node.byteRange.upperBound),
                  message: message, code: file.text(node))
    }

    private init(start: SourcePosition, end: SourcePosition, message: String, code: String, wrapper: SourcePosition? = nil) {
        line = start.line
        column = start.column
        endLine = end.line
        endColumn = end.column
        self.message = message
        self.code = Self.normalized(code)
        self.wrapper = wrapper
    }

    static func normalized(_ code: String) -> String {
        // ASCII code (nearly all) is collapsed over its bytes; other text by characters, as ever.
        let ascii = code.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            for byte in bytes {
                if byte == 0x20 || (0x09...0x0D).contains(byte) {
                    pendingSpace = !out.isEmpty
                } else {
                    if pendingSpace { out.append(0x20) }
                    pendingSpace = false
                    out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        return (ascii ?? nil) ?? code.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// What a check's whole-run phase sees.
public struct CheckRun: Sendable {
    public var configuration: PrismaConfiguration
    /// The check's own violations from the per-file phase, by path.
    public var violations: [String: [Violation]]
    /// Suppression comments that silenced nothing, by path; only for checks that
    /// settle after suppressions, empty for the others.
    public var unusedSuppressions: [String: [Suppression]]
    /// `new PrismaClient(…)` sites in the whole project, when known: a run on some files
    /// judges them as the whole tree would.
    public var projectClientInstances: Int? = nil
}

/// A piece of TypeScript for a check's examples. `↓` marks where a finding of the
/// check starts; the example is checked at `path`, with the central client module at
/// `src/utils/prisma.ts` and the built-in rules.
public struct CheckExample: Sendable {
    public static let marker: Unicode.Scalar = "↓"

    public var code: String
    public var path: String
    /// Where the example is written, so that a failing one is reported there.
    public var file: StaticString
    public var line: UInt

    public init(_ code: String, path: String = "src/controllers/example.ts", file: StaticString = #filePath, line: UInt = #line) {
        self.code = code
        self.path = path
        self.file = file
        self.line = line
    }

    /// The code without markers, and where each marker was (one-based, columns in code points).
    public var expectation: (code: String, positions: [SourcePosition]) {
        var code = String.UnicodeScalarView()
        var positions: [SourcePosition] = []
        var line = 1
        var column = 1
        for scalar in self.code.unicodeScalars {
            if scalar == Self.marker {
                positions.append(SourcePosition(line: line, column: column))
                continue
            }
            code.append(scalar)
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (String(code), positions)
    }
}

extension RetryCall {
    /// Where every command reports a retry call: the helper's name (after a mis-parsed `await`).
    var reportedNode: Node {
        if awaitInside, let callee = call.child(field: .function)?.namedChildren.first { return callee }
        return call
    }
}

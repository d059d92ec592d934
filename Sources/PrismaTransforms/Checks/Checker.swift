import CodemodCore
import Foundation
import PrismaRules
import SyntaxTree

/// One rule violation at one place. Findings are data, never errors.
public struct Finding: Codable, Equatable, Sendable {
    public var rule: String
    public var severity: CheckRule.Severity
    /// Path relative to the git work tree (or the project root outside git).
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String
    /// The flagged code with white space collapsed: what a baseline matches on,
    /// so that edits elsewhere in the file do not invalidate it.
    public var code: String
}

/// What `check` found in a workspace.
public struct CheckReport: Sendable {
    public var findings: [Finding]
    public var failed: [CodemodError]
    public var rules: [CheckRule]
    /// Findings hidden by a baseline.
    public var baselined = 0

    public var errorCount: Int { findings.filter { $0.severity == .error }.count }
    public var warningCount: Int { findings.filter { $0.severity == .warning }.count }
}

/// Runs the rules of `Rules/checks.yaml` (as overridden by the repository).
public enum Checker {
    /// `// prisma-codemod-ignore-next-line read-in-retry` silences that rule on the next line.
    public static let suppressionMarker = "prisma-codemod-ignore-next-line"

    public static func run(_ workspace: Workspace) -> CheckReport {
        let configuration = workspace.configuration
        let project = workspace.project
        let perFile = workspace.map { loaded, parsed -> FileFindings in
            switch parsed {
            case .failure(let error): return FileFindings(findings: [], instances: [], error: error)
            case .success(let file):
                return fileFindings(in: PrismaFile(file: file, context: workspace.context), path: project.repositoryPath(of: loaded.path))
            }
        }
        var findings = perFile.flatMap { (file: FileFindings) in file.findings }
        let instances = perFile.flatMap { (file: FileFindings) in file.instances }
        if instances.count > 1, let rule = configuration.check("multiple-client-instances"), rule.enabled {
            for var instance in instances {
                instance.message = rule.render(["class": configuration.clientClass, "instances": "\(instances.count)"])
                findings.append(instance)
            }
        }
        // Suppressions are settled after the cross-file rule, so they can silence it too.
        var byPath = Dictionary(grouping: findings, by: { (finding: Finding) in finding.path })
        var settled: [Finding] = []
        for file in perFile where file.error == nil {
            let path = file.suppressions.path
            settled += file.suppressions.settle(findings: byPath.removeValue(forKey: path) ?? [], configuration: configuration)
        }
        settled += byPath.values.flatMap { $0 }
        let failed = perFile.compactMap { (file: FileFindings) in file.error }
        return CheckReport(findings: settled.sorted(by: precedes), failed: failed, rules: configuration.checks.filter(\.enabled))
    }

    /// Path, then line, column and rule: the order output and baselines use.
    static func precedes(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.path != rhs.path { return lhs.path.utf8.lexicographicallyPrecedes(rhs.path.utf8) }
        if lhs.line != rhs.line { return lhs.line < rhs.line }
        if lhs.column != rhs.column { return lhs.column < rhs.column }
        return lhs.rule < rhs.rule
    }

    struct FileFindings {
        var findings: [Finding]
        /// `new PrismaClient()` sites, judged once every file is read.
        var instances: [Finding]
        var error: CodemodError?
        var suppressions = Suppressions(path: "", entries: [])
    }

    static func fileFindings(in prisma: PrismaFile, path: String) -> FileFindings {
        let file = prisma.file
        let configuration = prisma.context.configuration
        var result = FileFindings(findings: [], instances: [], error: nil)
        func add(_ id: String, at node: Node, values: [String: String]) {
            guard let rule = configuration.check(id), rule.enabled else { return }
            let (line, column) = position(of: node.byteRange.lowerBound, in: file)
            result.findings.append(Finding(rule: id, severity: rule.severity, path: path, line: line, column: column,
                                           message: rule.render(values), code: normalized(file.text(node))))
        }
        for call in prisma.calls {
            let values = ["call": call.label, "model": call.model ?? call.client, "method": call.method,
                          "helper": call.retry?.helper ?? configuration.retryHelper]
            if call.methodClass == .read, let retry = call.retry {
                add("read-in-retry", at: helperNode(of: retry), values: values)
            }
            if call.methodClass == .write, call.retry == nil, !call.onTransactionClient,
               !prisma.isInsideTransaction(call.call) {
                add("write-without-retry", at: call.call, values: values)
            }
        }
        // The helper inside a $transaction, or retrying a call on a transaction's client.
        let retryOnTransactionClient = Set(prisma.calls.filter(\.onTransactionClient).compactMap { $0.retry?.call.byteRange.lowerBound })
        for retry in prisma.retryCalls
        where prisma.isInsideTransaction(retry.call) || retryOnTransactionClient.contains(retry.call.byteRange.lowerBound) {
            add("retry-inside-transaction", at: helperNode(of: retry), values: ["helper": retry.helper])
        }
        if let rule = configuration.check("multiple-client-instances"), rule.enabled {
            for instance in prisma.instances {
                let (line, column) = position(of: instance.expression.byteRange.lowerBound, in: file)
                result.instances.append(Finding(rule: rule.id, severity: rule.severity, path: path, line: line,
                                                column: column, message: "", code: normalized(file.text(instance.expression))))
            }
        }
        result.suppressions = Suppressions.read(file, path: path)
        return result
    }

    /// Where a retry call is reported: the helper's name (after a mis-parsed `await`).
    static func helperNode(of retry: RetryCall) -> Node {
        if retry.awaitInside, let callee = retry.call.child(field: "function")?.namedChildren.first { return callee }
        return retry.call
    }

    /// One-based line and column (in code points, like every position the tool prints).
    static func position(of offset: Int, in file: ParsedFile) -> (line: Int, column: Int) {
        let position = file.position(offset)
        return (position.line, position.column)
    }

    static func normalized(_ code: String) -> String {
        code.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// The suppression comments of one file.
struct Suppressions {
    struct Entry {
        var line: Int
        var column: Int
        var rules: [String]
        var text: String
    }

    var path: String
    var entries: [Entry]

    static func read(_ file: ParsedFile, path: String) -> Suppressions {
        var entries: [Entry] = []
        for node in file.root.preorder() where node.kind == "comment" {
            let text = file.text(node)
            guard let marker = text.range(of: Checker.suppressionMarker) else { continue }
            let rules = text[marker.upperBound...]
                .split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" })
                .map(String.init)
                .filter { !$0.isEmpty && $0 != "*/" }
            let (line, column) = Checker.position(of: node.byteRange.lowerBound, in: file)
            entries.append(Entry(line: line, column: column, rules: rules, text: text))
        }
        return Suppressions(path: path, entries: entries)
    }

    /// The file's findings less the suppressed ones, plus a finding for each
    /// suppression that silenced nothing.
    func settle(findings: [Finding], configuration: PrismaConfiguration) -> [Finding] {
        var kept: [Finding] = []
        var used = Set<Int>()
        for finding in findings where finding.path == path {
            if let index = entries.firstIndex(where: { $0.line + 1 == finding.line && $0.rules.contains(finding.rule) }) {
                used.insert(index)
            } else {
                kept.append(finding)
            }
        }
        if let rule = configuration.check("unused-suppression"), rule.enabled {
            for (index, entry) in entries.enumerated() where !used.contains(index) {
                kept.append(Finding(rule: rule.id, severity: rule.severity, path: path, line: entry.line, column: entry.column,
                                    message: rule.render(["rule": entry.rules.joined(separator: " ")]),
                                    code: Checker.normalized(entry.text)))
            }
        }
        return kept
    }
}

import CodemodCore
import PrismaRules

/// One rule violation at one place. Findings are data, never errors.
public struct Finding: Codable, Equatable, Sendable {
    public var rule: String
    public var severity: CheckSeverity
    /// Path relative to the git work tree (or the project root outside git).
    public var path: String
    public var line: Int
    public var column: Int
    /// Just after the flagged code's last character (SARIF's exclusive `endColumn`).
    public var endLine: Int
    public var endColumn: Int
    public var message: String
    /// The flagged code with white space collapsed: what a baseline matches on,
    /// so that edits elsewhere in the file do not invalidate it.
    public var code: String
    /// The retry call around the Prisma call at `line`/`column`, when the finding is about both.
    public var wrapper: SourcePosition? = nil
}

extension Finding {
    /// For tests (`CacheSettings.markRestored`): the finding as a result restored from the cache shows it.
    func marked(_ restored: Bool) -> Finding {
        guard restored, !message.hasPrefix("CACHED ") else { return self }
        var marked = self
        marked.message = "CACHED " + message
        return marked
    }
}

/// Prisma-like code the analysis could not follow, so no check judged it.
public struct UncheckedSite: Codable, Equatable, Sendable {
    public var path: String
    public var line: Int
    public var column: Int
    public var reason: String
}

/// What `check` found in a workspace.
public struct CheckReport: Sendable {
    public var findings: [Finding]
    public var failed: [CodemodError]
    /// The checks that ran, in registry order.
    public var rules: [CheckRule]
    /// Findings hidden by a baseline.
    public var baselined = 0
    /// The files' `unanalysable` sites, in path and line order: a clean run says it did not see them.
    public var unchecked: [UncheckedSite] = []

    public var errorCount: Int { count(.error) }
    public var warningCount: Int { count(.warning) }

    /// By index, so that no finding is copied (tens of thousands in a large project).
    private func count(_ severity: CheckSeverity) -> Int {
        var count = 0
        for index in findings.indices where findings[index].severity == severity { count += 1 }
        return count
    }
}

/// Runs the checks of `CheckRegistry`, as the rules files switch and grade them.
public enum Checker {
    /// `cache`: per-file results are kept between runs (nil: `--no-cache`, nothing read or written).
    public static func run(_ workspace: Workspace, cache settings: CacheSettings? = nil) -> CheckReport {
        let rules = CheckRegistry.rules(for: workspace.configuration).filter(\.enabled)
        let project = workspace.project
        let skipped = { (loaded: LoadedFile) -> Result<Examined, CodemodError> in
            .success(Examined(path: project.repositoryPath(of: loaded.path), violations: [:], suppressions: []))
        }
        let body = { (loaded: LoadedFile, parsed: Result<ParsedFile, CodemodError>) -> Result<Examined, CodemodError> in
            parsed.map { file in
                examine(PrismaFile(file: file, context: workspace.context), path: project.repositoryPath(of: loaded.path), rules: rules)
            }
        }
        // An unchanged tree under the same rules and context: the settled report as it was kept.
        var whole = settings.flatMap { workspace.wholeRunCache("check", settings: $0) }
        if let settings, let kept = whole?.value(SettledRun.self) {
            // Files hashed this run (their stamps had changed) keep their identities for the next one.
            workspace.saveIdentities()
            return CheckReport(findings: settings.markRestored ? kept.findings.map { $0.marked(true) } : kept.findings, failed: [],
                               rules: rules, unchecked: kept.unchecked)
        }
        let perFile: [Result<Examined, CodemodError>]
        if let settings {
            perFile = workspace.map(cache: settings, command: "check", keep: { try? $0.get() }, restore: { loaded, stored in
                .success(stored.at(project.repositoryPath(of: loaded.path), marked: settings.markRestored))
            }, skipped: skipped, body)
        } else {
            perFile = workspace.map(skipped: skipped, body)
        }
        let examined = perFile.compactMap { try? $0.get() }
        let failed = perFile.compactMap { result -> CodemodError? in
            if case .failure(let error) = result { return error }
            return nil
        }
        let findings = settle(examined, rules: rules, configuration: workspace.configuration,
                             projectClientInstances: workspace.context.projectClientInstances)
        let unchecked = examined.flatMap(\.unchecked)
        // A file that failed is reported as it is on the next run too, so nothing failed may be kept.
        if failed.isEmpty { whole?.keep(SettledRun(findings: findings, unchecked: unchecked)) }
        return CheckReport(findings: findings, failed: failed, rules: rules, unchecked: unchecked)
    }

    /// What a whole run keeps (`Workspace.wholeRunCache`): its settled findings, grouped by
    /// path, their texts (rule ids, messages, code) each stored once and numbered: a check
    /// repeats a few messages over thousands of findings, and each is then decoded once.
    struct SettledRun: CacheCodable {
        var findings: [Finding]
        var unchecked: [UncheckedSite]

        init(findings: [Finding], unchecked: [UncheckedSite]) {
            self.findings = findings
            self.unchecked = unchecked
        }

        func write(to writer: inout CacheWriter) {
            var texts: [String] = []
            var numbers: [String: Int] = [:]
            func number(_ text: String) -> Int {
                if let known = numbers[text] { return known }
                numbers[text] = texts.count
                texts.append(text)
                return texts.count - 1
            }
            var groups: [Range<Int>] = []
            var start = 0
            for index in findings.indices.dropFirst() where findings[index].path != findings[start].path {
                groups.append(start..<index)
                start = index
            }
            if !findings.isEmpty { groups.append(start..<findings.count) }
            var body = CacheWriter()
            body.array(groups) { writer, group in
                writer.string(findings[group.lowerBound].path)
                writer.array(Array(group)) { writer, index in
                    let finding = findings[index]
                    writer.int(number(finding.rule))
                    writer.string(finding.severity.rawValue)
                    for value in [finding.line, finding.column, finding.endLine, finding.endColumn] { writer.int(value) }
                    writer.int(number(finding.message))
                    writer.int(number(finding.code))
                    writer.optional(finding.wrapper) { $0.value($1) }
                }
            }
            writer.strings(texts)
            writer.raw(body.bytes)
            writer.values(unchecked)
        }

        init(from reader: inout CacheReader) throws(CacheReader.Damaged) {
            let texts = try reader.strings()
            func text(_ reader: inout CacheReader) throws(CacheReader.Damaged) -> String {
                let number = try reader.int()
                guard texts.indices.contains(number) else { throw CacheReader.Damaged() }
                return texts[number]
            }
            let groups = try reader.array { reader throws(CacheReader.Damaged) -> [Finding] in
                let path = try reader.string()
                return try reader.array { reader throws(CacheReader.Damaged) -> Finding in
                    let rule = try text(&reader)
                    guard let severity = CheckSeverity(rawValue: try reader.string()) else { throw CacheReader.Damaged() }
                    return Finding(rule: rule, severity: severity, path: path, line: try reader.int(), column: try reader.int(),
                                   endLine: try reader.int(), endColumn: try reader.int(), message: try text(&reader),
                                   code: try text(&reader),
                                   wrapper: try reader.optional { reader throws(CacheReader.Damaged) in try reader.value(SourcePosition.self) })
                }
            }
            findings = groups.flatMap { $0 }
            unchecked = try reader.values()
        }
    }

    /// Every project of a run checked with its own rules and context, as one report;
    /// paths relative to the git work tree.
    public static func run(_ workspaces: [Workspace], cache: CacheSettings? = nil) -> CheckReport {
        var merged = CheckReport(findings: [], failed: [], rules: [])
        for workspace in workspaces {
            let report = run(workspace, cache: cache)
            merged.findings += report.findings
            merged.failed += report.failed.map { $0.displayingPaths(workspace.project.repositoryPath) }
            merged.rules += report.rules.filter { rule in !merged.rules.contains { $0.id == rule.id } }
            merged.unchecked += report.unchecked
        }
        // Each project's findings come sorted; only several need merging.
        if workspaces.count > 1 { merged.findings.sort(by: precedes) }
        return merged
    }

    /// Runs `rules` over files already parsed, each at the path it was parsed with: one run.
    public static func run(_ files: [PrismaFile], rules: [CheckRule]) -> [Finding] {
        let enabled = rules.filter(\.enabled)
        let examined = files.map { examine($0, path: $0.file.path, rules: enabled) }
        return settle(examined, rules: enabled, configuration: files.first?.context.configuration ?? PrismaConfiguration())
    }

    /// One file after the per-file phase.
    struct Examined: Codable, Sendable {
        var path: String
        /// By check id.
        var violations: [String: [Violation]]
        var suppressions: [Suppression]
        var unchecked: [UncheckedSite] = []

        /// The same results for the file at `path` (a cached result names the file as it was shown then);
        /// `marked`: every message says it comes from the cache (for tests).
        func at(_ path: String, marked: Bool = false) -> Examined {
            var moved = self
            moved.path = path
            if marked {
                for (rule, violations) in violations {
                    moved.violations[rule] = violations.map { violation in
                        var violation = violation
                        violation.message = "CACHED " + violation.message
                        return violation
                    }
                }
            }
            moved.unchecked = unchecked.map { UncheckedSite(path: path, line: $0.line, column: $0.column, reason: $0.reason) }
            return moved
        }
    }

    static func examine(_ file: PrismaFile, path: String, rules: [CheckRule]) -> Examined {
        var violations: [String: [Violation]] = [:]
        for rule in rules { violations[rule.id] = rule.check.violations(in: file) }
        let unchecked = file.unanalysable.map { site in
            let position = file.file.position(site.node.byteRange.lowerBound)
            return UncheckedSite(path: path, line: position.line, column: position.column, reason: site.reason)
        }
        return Examined(path: path, violations: violations, suppressions: Suppression.read(file.file), unchecked: unchecked)
    }

    /// The whole-run phases, with suppression comments matched between the checks settled
    /// before them (whose findings they silence) and those settled after (which judge them).
    static func settle(_ files: [Examined], rules: [CheckRule], configuration: PrismaConfiguration,
                       projectClientInstances: Int? = nil) -> [Finding] {
        func settled(_ rule: CheckRule, unusedSuppressions: [String: [Suppression]]) -> [Finding] {
            var own: [String: [Violation]] = [:]
            for file in files { own[file.path, default: []] += file.violations[rule.id] ?? [] }
            let run = CheckRun(configuration: configuration, violations: own, unusedSuppressions: unusedSuppressions,
                               projectClientInstances: projectClientInstances)
            return rule.check.settle(run).flatMap { path, violations in
                violations.map { Finding(rule: rule.id, severity: rule.severity, path: path, line: $0.line, column: $0.column,
                                         endLine: $0.endLine, endColumn: $0.endColumn, message: $0.message, code: $0.code,
                                         wrapper: $0.wrapper) }
            }
        }
        let before = rules.filter { !$0.check.settlesAfterSuppressions }.flatMap { settled($0, unusedSuppressions: [:]) }
        var byPath = Dictionary(grouping: before, by: \.path)
        var findings: [Finding] = []
        var unused: [String: [Suppression]] = [:]
        for file in files {
            let (kept, left) = Suppression.apply(file.suppressions, to: byPath.removeValue(forKey: file.path) ?? [])
            findings += kept
            if !left.isEmpty { unused[file.path] = left }
        }
        findings += byPath.values.flatMap { $0 }
        for rule in rules where rule.check.settlesAfterSuppressions {
            findings += settled(rule, unusedSuppressions: unused)
        }
        // Indices are sorted, not the findings: moving tens of thousands of them costs more than comparing.
        return findings.indices.sorted { precedes(findings[$0], findings[$1]) }.map { findings[$0] }
    }

    /// Path, then line, column and rule: the order output and baselines use.
    static func precedes(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.path != rhs.path { return String.precedesInBytes(lhs.path, rhs.path) }
        if lhs.line != rhs.line { return lhs.line < rhs.line }
        if lhs.column != rhs.column { return lhs.column < rhs.column }
        return lhs.rule < rhs.rule
    }
}

extension Checker.Examined: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(path)
        // Sorted by check id, so that the same results give the same bytes.
        writer.array(violations.sorted { $0.key < $1.key }) { writer, pair in
            writer.string(pair.key)
            writer.values(pair.value)
        }
        writer.values(suppressions)
        writer.values(unchecked)
    }

    init(from reader: inout CacheReader) throws(CacheReader.Damaged) {
        path = try reader.string()
        violations = [:]
        let byRule = try reader.array { reader throws(CacheReader.Damaged) in (try reader.string(), try reader.values(Violation.self)) }
        for (rule, found) in byRule { violations[rule] = found }
        suppressions = try reader.values()
        unchecked = try reader.values()
    }
}

extension Violation: CacheCodable {
    public func write(to writer: inout CacheWriter) {
        for number in [line, column, endLine, endColumn] { writer.int(number) }
        writer.string(message)
        writer.string(code)
        writer.optional(wrapper) { $0.value($1) }
    }

    public init(from reader: inout CacheReader) throws(CacheReader.Damaged) {
        line = try reader.int()
        column = try reader.int()
        endLine = try reader.int()
        endColumn = try reader.int()
        message = try reader.string()
        code = try reader.string()
        wrapper = try reader.optional { reader throws(CacheReader.Damaged) in try reader.value(SourcePosition.self) }
    }
}

extension Suppression: CacheCodable {
    public func write(to writer: inout CacheWriter) {
        writer.string(form.rawValue)
        writer.int(line)
        writer.int(column)
        writer.strings(checks)
        writer.optional(reason) { $0.string($1) }
        writer.string(text)
    }

    public init(from reader: inout CacheReader) throws(CacheReader.Damaged) {
        guard let form = Form(rawValue: try reader.string()) else { throw CacheReader.Damaged() }
        self.init(form: form, line: try reader.int(), column: try reader.int(), checks: try reader.strings(),
                  reason: try reader.optional { reader throws(CacheReader.Damaged) in try reader.string() }, text: try reader.string())
    }
}

extension UncheckedSite: CacheCodable {
    public func write(to writer: inout CacheWriter) {
        writer.string(path)
        writer.int(line)
        writer.int(column)
        writer.string(reason)
    }

    public init(from reader: inout CacheReader) throws(CacheReader.Damaged) {
        self.init(path: try reader.string(), line: try reader.int(), column: try reader.int(), reason: try reader.string())
    }
}

import ArgumentParser
import CodemodCore
import Foundation
import PrismaRules
import PrismaTransforms

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run the checks (as Rules/checks.yaml switches them), for CI: exit 1 on findings at error severity.",
        discussion: """
            Suppress findings with `// prisma-codemod-ignore-next-line [rule-id, …] [-- reason]` on the line above \
            (no rule id: every rule) or `// prisma-codemod-ignore-line …` after the code; the transform fixing a rule leaves \
            the sites suppressed for it. \
            Exit codes: 0 clean (warnings allowed), 1 findings at error severity or more warnings than --max-warnings, \
            2 usage errors or files that failed to parse.

            """ + HelpExamples.check)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, sarif, github, gitlab }

    @OptionGroup var selection: SelectionOptions

    @OptionGroup var runOptions: RunOptions

    @OptionGroup var cacheOption: CacheOption

    @Option(help: "Output format: text, json, sarif (2.1.0), github (workflow annotations) or gitlab (Code Quality report).")
    var format: Format = .text

    @OptionGroup var reportFile: ReportFileOption

    @Option(help: ArgumentHelp("Exit 1 when more than this many warnings are found (as ESLint's).", valueName: "n"))
    var maxWarnings: Int?

    @Option(name: .customLong("error"), help: ArgumentHelp("Run this check at error severity, whatever the rules files say (repeatable).",
                                                           valueName: "check-id"))
    var errorChecks: [String] = []

    @Option(name: .customLong("warn"), help: ArgumentHelp("Run this check at warning severity (repeatable).", valueName: "check-id"))
    var warnChecks: [String] = []

    @Option(name: .customLong("off"), help: ArgumentHelp("Do not run this check (repeatable).", valueName: "check-id"))
    var offChecks: [String] = []

    @Option(help: ArgumentHelp("Report only findings this baseline file does not record.", valueName: "path"), completion: .file(extensions: ["json"]))
    var baseline: String?

    @Option(help: ArgumentHelp("Record today's findings in this file and exit 0.", valueName: "path"), completion: .file(extensions: ["json"]))
    var writeBaseline: String?

    func validate() throws {
        if baseline != nil && writeBaseline != nil {
            throw ValidationError("--baseline and --write-baseline do not go together")
        }
        if let maxWarnings, maxWarnings < 0 { throw ValidationError("--max-warnings takes a number of at least 0, got \(maxWarnings)") }
        _ = try checkOverrides()
    }

    /// `--error`, `--warn` and `--off`, laid over the rules files for this run. An id no check
    /// has, or one given two severities, is a usage error.
    func checkOverrides() throws -> [CheckOverride] {
        var overrides: [CheckOverride] = []
        let given: [(option: String, ids: [String], enabled: Bool, severity: CheckSeverity?)] = [
            ("--error", errorChecks, true, .error), ("--warn", warnChecks, true, .warning), ("--off", offChecks, false, nil),
        ]
        for (option, ids, enabled, severity) in given {
            for id in ids {
                guard CheckRegistry.check(id) != nil else {
                    let known = CheckRegistry.all.map { $0.id }.joined(separator: ", ")
                    throw ValidationError("\(option): unknown check '\(id)' (known: \(known))")
                }
                if let earlier = overrides.first(where: { $0.id == id }), earlier.file != option {
                    throw ValidationError("\(id) is given both \(earlier.file) and \(option)")
                }
                overrides.append(CheckOverride(id: id, enabled: enabled, severity: severity, file: option))
            }
        }
        return overrides
    }

    func run() throws {
        var report: CheckReport
        var sourceRoot: URL?
        var warnings = 0
        do {
            let overrides = try checkOverrides()
            let workspaces = try runOptions.around("check") {
                try Workspace.openProjects(paths: selection.paths, selection: selection.selection(),
                                           currentDirectory: Output.currentDirectory, centralModule: selection.centralModule,
                                           cache: cacheOption.settings, cacheName: "check")
            }.map { $0.overridingChecks(overrides) }
            sourceRoot = Set(workspaces.map { ($0.project.gitTopLevel ?? $0.project.root).standardizedFileURL }).onlyElement
            Output.scope(files: workspaces.reduce(0) { $0 + $1.files.count }, projects: workspaces.count)
            report = try runOptions.around("check") {
                try workspaces.forEach(Recognition.verify)
                return Checker.run(workspaces, cache: cacheOption.settings)
            }
            if let writeBaseline {
                let url = Project.resolve(writeBaseline, against: Output.currentDirectory)
                try AtomicWriter.write(Array(JSONOutput.encode(Baseline(findings: report.findings)).utf8), to: url, displayPath: writeBaseline)
                Output.err("wrote \(report.findings.count) finding(s) to \(writeBaseline)")
                for error in report.failed { Output.err("error: \(error.message)") }
                if !report.failed.isEmpty { throw Exit.usageOrFailure }
                return
            }
            if let baseline {
                let recorded = try Baseline.load(Project.resolve(baseline, against: Output.currentDirectory), displayPath: baseline)
                let (new, covered) = recorded.newFindings(in: report.findings)
                report.findings = new
                report.baselined = covered
            }
            warnings = report.warningCount
            // ESLint's --quiet: warnings and notes still count (--max-warnings) but are not reported.
            if runOptions.quiet { report.findings.removeAll { $0.severity != .error } }
            try write(report, sourceRoot: sourceRoot)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw Exit.fail(error)
        }
        var summary = "check: \(report.errorCount) error(s), \(warnings) warning(s)"
        if runOptions.quiet && warnings > 0 { summary += " (not shown: --quiet)" }
        if report.baselined > 0 { summary += ", \(report.baselined) known from the baseline" }
        if let output = reportFile.output { summary += "; report written to \(output)" }
        Output.err(summary)
        // Never a silent "0 findings" over code the checks could not see.
        if !report.unchecked.isEmpty {
            Output.err("note: \(report.unchecked.count) Prisma-like site(s) the analysis cannot follow were not checked:")
            for site in report.unchecked { Output.err("  \(site.path):\(site.line):\(site.column): \(site.reason)") }
        }
        if format != .github {
            for error in report.failed { Output.err("error: \(error.message)") }
        }
        if !report.failed.isEmpty { throw Exit.usageOrFailure }
        if report.errorCount > 0 { throw Exit.changesOrFindings }
        if let maxWarnings, warnings > maxWarnings {
            Output.err("check: \(warnings) warning(s), more than --max-warnings \(maxWarnings)")
            throw Exit.changesOrFindings
        }
    }

    /// The report in `format`, on stdout or in `-o FILE`: check's JSON as bytes built a finding at
    /// a time (no String of tens of megabytes in between), SARIF and GitLab streamed a finding at a time.
    private func write(_ report: CheckReport, sourceRoot: URL?) throws {
        let file = reportFile.output
        switch format {
        case .text:
            // A report file is for reading later: never coloured.
            try Output.report(CheckOutput.text(report, colored: file == nil && Output.colors(STDOUT_FILENO, runOptions.color)), to: file)
        case .json: try Output.report(CheckOutput.json(report), to: file)
        case .sarif:
            try Output.report(to: file) { sink in
                try JSONOutput.write(SARIF.log(report, toolVersion: PrismaCodemod.version, sourceRoot: sourceRoot), to: sink)
            }
        case .github: try Output.report(CheckOutput.github(report), to: file)
        case .gitlab: try Output.report(to: file) { sink in try JSONOutput.write(CheckOutput.gitlab(report), to: sink) }
        }
    }
}

enum CheckOutput {
    /// `path:line:col: severity[rule]: message (wrapper at L:C)`; `colored`: the severity in its colour, the rule dimmed.
    static func text(_ report: CheckReport, colored: Bool = false) -> String {
        report.findings.map { finding in
            var severity = finding.severity.rawValue
            var rule = finding.rule
            if colored {
                severity = ANSI.paint(severity, finding.severity == .error ? ANSI.bold + ANSI.red : finding.severity == .warning ? ANSI.yellow : ANSI.cyan)
                rule = ANSI.paint(rule, ANSI.dim)
            }
            let wrapper = finding.wrapper.map { " (wrapper at \($0.line):\($0.column))" } ?? ""
            return "\(finding.path):\(finding.line):\(finding.column): \(severity)[\(rule)]: \(finding.message)\(wrapper)\n"
        }.joined()
    }

    /// GitLab's Code Quality report: the part of the Code Climate issue format GitLab reads.
    struct GitLabIssue: Encodable {
        struct Location: Encodable {
            struct Lines: Encodable { var begin: Int }
            var path: String
            var lines: Lines
        }

        var description: String
        var checkName: String
        var fingerprint: String
        /// info, minor, major, critical or blocker.
        var severity: String
        var location: Location

        enum CodingKeys: String, CodingKey {
            case description, fingerprint, severity, location
            case checkName = "check_name"
        }
    }

    static func gitlab(_ report: CheckReport) -> StreamedArray<GitLabIssue> {
        let findings = report.findings
        let fingerprints = FindingFingerprint.all(findings)
        return StreamedArray(count: findings.count) { index in
            let finding = findings[index]
            let severity = finding.severity == .error ? "major" : finding.severity == .warning ? "minor" : "info"
            return GitLabIssue(description: finding.message, checkName: finding.rule, fingerprint: fingerprints[index].token, severity: severity,
                               location: .init(path: finding.path, lines: .init(begin: finding.line)))
        }
    }

    /// GitHub workflow commands: `::error file=…,line=…,col=…,title=…::message`.
    static func github(_ report: CheckReport) -> String {
        var out = report.findings.map { finding -> String in
            let command = finding.severity == .error ? "error" : finding.severity == .warning ? "warning" : "notice"
            return "::\(command) file=\(property(finding.path)),line=\(finding.line),col=\(finding.column),"
                + "title=\(property("prisma-codemod " + finding.rule))::\(data(finding.message))\n"
        }.joined()
        for error in report.failed {
            var location = ""
            if let path = error.path { location = " file=\(property(path))" }
            if case .parse(_, let position, _) = error { location += ",line=\(position.line),col=\(position.column)" }
            out += "::error\(location)::\(data(error.message))\n"
        }
        return out
    }

    static func data(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    /// `JSONOutput.encode(JSONReport(report))`, byte for byte, with the findings written
    /// here: a large project has tens of thousands, and the encoder took longer over them
    /// than a warm run takes over everything else.
    static func json(_ report: CheckReport) -> [UInt8] {
        var shell = JSONReport(report)
        shell.findings = []
        let rest = Array(JSONOutput.encode(shell).utf8)
        let hole = Array("\n  \"findings\" : [\n\n  ]".utf8)
        guard !report.findings.isEmpty, let start = rest.indices.first(where: { rest[$0...].starts(with: hole) }) else { return rest }
        var out: [UInt8] = []
        out.reserveCapacity(rest.count + report.findings.count * 640)
        out += rest[..<start]
        func put(_ text: StaticString) { out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)) }
        func put(_ number: Int) { out += String(number).utf8 }
        put("\n  \"findings\" : [\n")
        for (index, finding) in report.findings.enumerated() {
            put("    {\n      \"code\" : ")
            JSONOutput.appendString(finding.code, to: &out)
            put(",\n      \"column\" : ")
            put(finding.column)
            put(",\n      \"endColumn\" : ")
            put(finding.endColumn)
            put(",\n      \"endLine\" : ")
            put(finding.endLine)
            put(",\n      \"line\" : ")
            put(finding.line)
            put(",\n      \"message\" : ")
            JSONOutput.appendString(finding.message, to: &out)
            put(",\n      \"path\" : ")
            JSONOutput.appendString(finding.path, to: &out)
            put(",\n      \"rule\" : ")
            JSONOutput.appendString(finding.rule, to: &out)
            put(",\n      \"severity\" : ")
            JSONOutput.appendString(finding.severity.rawValue, to: &out)
            if let wrapper = finding.wrapper {
                put(",\n      \"wrapper\" : {\n        \"column\" : ")
                put(wrapper.column)
                put(",\n        \"line\" : ")
                put(wrapper.line)
                put("\n      }")
            }
            put(index == report.findings.count - 1 ? "\n    }\n" : "\n    },\n")
        }
        put("  ]")
        out += rest[(start + hole.count)...]
        return out
    }

    /// The JSON form of `check`, documented in README.
    struct JSONReport: Encodable {
        struct Failure: Encodable {
            var path: String?
            var line: Int?
            var column: Int?
            var message: String
        }

        struct Summary: Encodable {
            var errors: Int
            var warnings: Int
            var baselined: Int
            var failedFiles: Int
            /// Prisma-like sites the analysis cannot follow, which no check judged.
            var unchecked: Int
        }

        var version = 1
        var findings: [Finding]
        var failed: [Failure]
        var summary: Summary
        var unchecked: [UncheckedSite]

        init(_ report: CheckReport) {
            findings = report.findings
            failed = report.failed.map { error in
                var failure = Failure(path: error.path, message: error.message)
                if case .parse(_, let position, _) = error {
                    failure.line = position.line
                    failure.column = position.column
                }
                return failure
            }
            summary = Summary(errors: report.errorCount, warnings: report.warningCount, baselined: report.baselined,
                              failedFiles: report.failed.count, unchecked: report.unchecked.count)
            unchecked = report.unchecked
        }
    }
}

extension Set {
    /// The element of a one-element set, else nil.
    var onlyElement: Element? { count == 1 ? first : nil }
}

import ArgumentParser
import CodemodCore
import Foundation
import PrismaTransforms

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run the checks (as Rules/checks.yaml switches them), for CI: exit 1 on findings at error severity.",
        discussion: """
            Suppress findings with `// prisma-codemod-ignore-next-line [rule-id, …] [-- reason]` on the line above \
            (no rule id: every rule) or `// prisma-codemod-ignore-line …` after the code; the transform fixing a rule leaves \
            the sites suppressed for it. \
            Exit codes: 0 clean (warnings allowed), 1 findings at error severity, 2 usage errors or files that failed to parse.

            """ + HelpExamples.check)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, sarif, github }

    @OptionGroup var selection: SelectionOptions

    @OptionGroup var runOptions: RunOptions

    @Option(help: "Output format: text, json, sarif (2.1.0) or github (workflow annotations).")
    var format: Format = .text

    @Option(help: ArgumentHelp("Report only findings this baseline file does not record.", valueName: "path"), completion: .file(extensions: ["json"]))
    var baseline: String?

    @Option(help: ArgumentHelp("Record today's findings in this file and exit 0.", valueName: "path"), completion: .file(extensions: ["json"]))
    var writeBaseline: String?

    func validate() throws {
        if baseline != nil && writeBaseline != nil {
            throw ValidationError("--baseline and --write-baseline do not go together")
        }
    }

    func run() throws {
        var report: CheckReport
        do {
            let workspaces = try runOptions.around("check") {
                try Workspace.openProjects(paths: selection.paths, selection: selection.selection(),
                                           currentDirectory: Output.currentDirectory, centralModule: selection.centralModule)
            }
            Output.scope(files: workspaces.reduce(0) { $0 + $1.files.count }, projects: workspaces.count)
            report = try runOptions.around("check") {
                try workspaces.forEach(Recognition.verify)
                return Checker.run(workspaces)
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
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw Exit.fail(error)
        }
        switch format {
        case .text: Output.out(CheckOutput.text(report))
        case .json: Output.out(JSONOutput.encode(CheckOutput.JSONReport(report)))
        case .sarif: Output.out(JSONOutput.encode(SARIF.log(report, toolVersion: PrismaCodemod.version)))
        case .github: Output.out(CheckOutput.github(report))
        }
        var summary = "check: \(report.errorCount) error(s), \(report.warningCount) warning(s)"
        if report.baselined > 0 { summary += ", \(report.baselined) known from the baseline" }
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
    }
}

enum CheckOutput {
    static func text(_ report: CheckReport) -> String {
        report.findings.map { finding in
            let wrapper = finding.wrapper.map { " (wrapper at \($0.line):\($0.column))" } ?? ""
            return "\(finding.path):\(finding.line):\(finding.column): \(finding.severity.rawValue)[\(finding.rule)]: \(finding.message)\(wrapper)\n"
        }.joined()
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

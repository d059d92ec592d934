import CodemodCore
import Foundation
import PrismaRules
import SyntaxTree

/// What a project does with Prisma before any rule is set: the modules that export a
/// client, and the retry helpers, with the evidence (file:line) for each. `init` writes
/// it down; other commands use it to refuse a "0 findings" that only means "saw nothing".
public struct ProjectSurvey: Sendable {
    public struct ClientModule: Sendable, Equatable {
        public var path: String
        /// Sorted; `default` for a default export.
        public var exports: [String]
        public var line: Int
    }

    /// An imported function called with a callback that does nothing but a Prisma call.
    public struct Helper: Sendable, Equatable {
        /// The name its module exports it under.
        public var name: String
        /// Root-relative path of that module, when it is in the project.
        public var modulePath: String?
        public var uses: Int
        public var firstUse: SiteAddress
    }

    public var clientModules: [ClientModule]
    /// Classes extending the client (`PrismaService extends PrismaClient`): clients made by DI.
    public var clientClasses: [String] = []
    public var helpers: [Helper]
    /// Whether the project's package.json depends on Prisma, or it holds a Prisma schema.
    public var dependsOnPrisma: Bool

    /// Surveys all of a project's `files` (for `init`; the guard reads the workspace's facts instead).
    public static func make(files: [LoadedFile], project: Project, configuration: PrismaConfiguration) -> ProjectSurvey {
        let modules = ClientModuleIndex.build(files: files, configuration: configuration).modules
        let clientModules = modules.filter { !$0.value.clientExports.isEmpty }.map { path, exports in
            ClientModule(path: path, exports: exports.clientExports.sorted(), line: exports.evidenceLine ?? 1)
        }.sorted { $0.path < $1.path }
        let keyToPath = Dictionary(files.map { (ModuleResolver.key($0.path), $0.path) }, uniquingKeysWith: { first, _ in first })
        let uses = Parallel.map(count: files.count, stage: "finding retry helpers") { index, parsers -> [(name: String, module: String?, at: SiteAddress)] in
            let loaded = files[index]
            guard case .success(let bytes) = loaded.content, HelperUses.mayHold(bytes),
                  let file = try? ParsedFile.clean(path: loaded.path, bytes: bytes, parsers: parsers) else { return [] }
            return HelperUses.find(in: file, resolver: project.resolver, configuration: configuration).map { use in
                (use.name, use.moduleKey.flatMap { keyToPath[$0] } ?? use.moduleKey, use.at)
            }
        }.flatMap { $0 }
        return ProjectSurvey(clientModules: clientModules,
                             clientClasses: Workspace.clientSubclasses(in: files, of: configuration.clientClass),
                             helpers: helpers(from: uses), dependsOnPrisma: Self.dependsOnPrisma(project.root))
    }

    /// Helper calls grouped by helper (name and module), most used first.
    static func helpers(from uses: [(name: String, module: String?, at: SiteAddress)]) -> [Helper] {
        var helpers: [String: Helper] = [:]
        for use in uses {
            let id = "\(use.name)\u{0}\(use.module ?? "")"
            if var helper = helpers[id] {
                helper.uses += 1
                helpers[id] = helper
            } else {
                helpers[id] = Helper(name: use.name, modulePath: use.module, uses: 1, firstUse: use.at)
            }
        }
        return helpers.values.sorted { ($0.uses, $1.name) > ($1.uses, $0.name) }
    }

    /// A package.json naming `@prisma/client` or `prisma`, or a `schema.prisma` where Prisma puts it.
    public static func dependsOnPrisma(_ root: URL) -> Bool {
        if ["schema.prisma", "prisma/schema.prisma"].contains(where: { FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path) }) {
            return true
        }
        guard let data = try? Data(contentsOf: root.appendingPathComponent("package.json")),
              let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
        return ["dependencies", "devDependencies", "peerDependencies"].contains { section in
            guard let dependencies = manifest[section] as? [String: Any] else { return false }
            return dependencies["@prisma/client"] != nil || dependencies["prisma"] != nil
        }
    }

    /// The helpers the configuration does not know: their calls would go unseen.
    public func unknownHelpers(_ configuration: PrismaConfiguration) -> [Helper] {
        helpers.filter { !configuration.retryHelpers.contains($0.name) }
    }

    /// `prisma-codemod.yaml` as `init` writes it: what was found, ready to edit.
    public func configurationText() -> String {
        var lines = ["# Written by `prisma-codemod init` from what it found in this project; edit as needed.", "version: 1"]
        if let module = clientModules.first {
            lines += ["", "client:", "  # \(module.path):\(module.line) exports the client", "  centralModule: \(Self.quoted(module.path))"]
            if let named = module.exports.first(where: { $0 != "default" }) {
                lines.append("  export: \(Self.quoted(named))")
            } else {
                lines.append("  defaultExport: true")
            }
        }
        if clientModules.isEmpty, !clientClasses.isEmpty {
            lines += ["", "client:", "  # clients made by dependency injection: classes extending the client class",
                      "  types: [\(clientClasses.map(Self.quoted).joined(separator: ", "))]"]
        }
        if !helpers.isEmpty {
            let names = helpers.map(\.name).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            lines += ["", "retry:"]
            for helper in helpers {
                lines.append("  # \(helper.name): \(helper.uses) call(s) around Prisma calls, first at \(helper.firstUse.description)")
            }
            lines.append("  helpers: [\(names.map(Self.quoted).joined(separator: ", "))]")
            if let module = helpers.first?.modulePath { lines.append("  module: \(Self.quoted(module))") }
        }
        lines += ["", "# Without `phases:`, `prisma-codemod plan` shows the generic plan; to write your own,",
                  "# see \"Writing your own phases\" in prisma-codemod's README."]
        return lines.joined(separator: "\n") + "\n"
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// Calls like `withRetry(() => db.user.findUnique(…))`: an imported function whose callback
/// takes no parameter and does nothing but one Prisma call.
enum HelperUses {
    struct Use {
        var name: String
        var moduleKey: String?
        var at: SiteAddress
    }

    /// Only files that pass a callback without parameters to an imported function that is not
    /// a known helper are parsed for this (`known` empty: any imported function). A byte scan,
    /// not a regular expression: it runs over every file of a run.
    static func mayHold(_ bytes: [UInt8], known: Set<String> = []) -> Bool {
        let callees = calleesOfParameterlessCallbacks(bytes).subtracting(known)
        guard !callees.isEmpty else { return false }
        let text = String(decoding: bytes, as: UTF8.self)
        return callees.contains { name in
            text.range(of: #"import[^;]*\b"# + NSRegularExpression.escapedPattern(for: name) + #"\b"#, options: .regularExpression) != nil
        }
    }

    /// The names `f` in `f(() =>`, `f(async () =>`, `f<T>(() =>` and `f(function () {`.
    static func calleesOfParameterlessCallbacks(_ bytes: [UInt8]) -> Set<String> {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        func isName(_ byte: UInt8) -> Bool {
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F || byte == 0x24
        }
        func skipBackSpaces(_ index: inout Int) { while index >= 0, isSpace(bytes[index]) { index -= 1 } }
        func matches(_ word: String, endingAt index: Int) -> Bool {
            let word = word.utf8
            guard index < bytes.count, index - word.count + 1 >= 0 else { return false }
            return bytes[(index - word.count + 1)...index].elementsEqual(word) && (index - word.count < 0 || !isName(bytes[index - word.count]))
        }
        var names = Set<String>()
        var index = 0
        while index < bytes.count {
            // The callback starts at `(` of `() =>` or at `function`.
            var start: Int?
            if bytes[index] == UInt8(ascii: "("), index + 1 < bytes.count {
                var after = index + 1
                while after < bytes.count, isSpace(bytes[after]) { after += 1 }
                if after < bytes.count, bytes[after] == UInt8(ascii: ")") {
                    after += 1
                    while after < bytes.count, isSpace(bytes[after]) { after += 1 }
                    if after + 1 < bytes.count, bytes[after] == UInt8(ascii: "="), bytes[after + 1] == UInt8(ascii: ">") { start = index }
                }
            } else if bytes[index] == UInt8(ascii: "f"), matches("function", endingAt: index + 7) {
                start = index
            }
            if var back = start.map({ $0 - 1 }) {
                skipBackSpaces(&back)
                if matches("async", endingAt: back) { back -= 5; skipBackSpaces(&back) }
                if back >= 0, bytes[back] == UInt8(ascii: "(") {
                    back -= 1
                    skipBackSpaces(&back)
                    if back >= 0, bytes[back] == UInt8(ascii: ">") {  // `f<T>(`
                        while back >= 0, bytes[back] != UInt8(ascii: "<"), bytes[back] != UInt8(ascii: ";") { back -= 1 }
                        back -= 1
                    }
                    let end = back
                    while back >= 0, isName(bytes[back]) { back -= 1 }
                    if end > back { names.insert(String(decoding: bytes[(back + 1)...end], as: UTF8.self)) }
                }
            }
            index += 1
        }
        return names
    }

    static func find(in file: ParsedFile, resolver: ModuleResolver, configuration: PrismaConfiguration) -> [Use] {
        var imported: [String: (name: String, module: String)] = [:]
        // From the project's own modules any function counts; from packages (p-retry, async-retry)
        // only one whose name says it retries, so that caches and loaders wrapping a query do not.
        func counts(_ name: String, fromPackage: Bool) -> Bool {
            !fromPackage || name.range(of: "retry|backoff", options: [.regularExpression, .caseInsensitive]) != nil
        }
        for statement in file.imports where !statement.isTypeOnly {
            let fromPackage = resolver.resolve(statement.module, from: file.path) == nil
            for specifier in statement.named where !specifier.isType && counts(specifier.localName, fromPackage: fromPackage) {
                imported[specifier.localName] = (specifier.name, statement.module)
            }
            if let name = statement.defaultName, counts(name, fromPackage: fromPackage) { imported[name] = (name, statement.module) }
        }
        guard !imported.isEmpty else { return [] }
        var uses: [Use] = []
        var walk = file.root.preorder()
        while let node = walk.next() {
            guard node.kind == "call_expression", var function = node.child(field: .function) else { continue }
            if function.kind == "await_expression", let inner = function.namedChildren.first { function = inner }  // upstream #282
            guard function.kind == "identifier", let source = imported[file.text(function)],
                  let callback = node.child(field: .arguments)?.namedChildren.first(where: { $0.kind != "comment" }),
                  ["arrow_function", "function_expression"].contains(callback.kind),
                  (callback.child(field: .parameters)?.namedChildCount ?? 0) == 0, callback.child(field: .parameter) == nil,
                  let body = CallbackShape.singleExpression(of: callback), isPrismaCall(body, in: file, configuration: configuration)
            else { continue }
            uses.append(Use(name: source.name, moduleKey: resolver.resolve(source.module, from: file.path),
                            at: SiteAddress(path: file.path, line: file.lines.lineNumber(of: node.byteRange.lowerBound))))
        }
        return uses
    }

    /// `x.model.method(…)` with a Prisma method, or `x.$transaction(…)` and the raw queries,
    /// also behind fluent calls (`.posts()`).
    static func isPrismaCall(_ expression: Node, in file: ParsedFile, configuration: PrismaConfiguration) -> Bool {
        var current = expression
        while current.kind == "call_expression", let function = current.child(field: .function), function.kind == "member_expression",
              let property = function.child(field: .property), let object = function.child(field: .object) {
            let method = file.text(property)
            if method.hasPrefix("$") { return ["$transaction", "$queryRaw", "$queryRawUnsafe", "$executeRaw", "$executeRawUnsafe"].contains(method) }
            if configuration.classify(method) != .other, object.kind == "member_expression" { return true }
            current = object
        }
        return false
    }
}

/// Never a "0 findings" that only means "saw nothing": a run on a project that has no
/// `prisma-codemod.yaml` yet stops when it sees Prisma it does not recognise.
public enum Recognition {
    public static func verify(_ workspace: Workspace) throws {
        let project = workspace.project
        guard !FileManager.default.fileExists(atPath: project.root.appendingPathComponent(RulesLoader.overrideFileName).path) else { return }
        let configuration = workspace.configuration
        // The run's files' helper calls, from the facts the workspace read (or kept) of each.
        let keyToPath = Dictionary(workspace.files.map { (ModuleResolver.key($0.path), $0.path) }, uniquingKeysWith: { first, _ in first })
        let uses = workspace.files.flatMap { file in
            (workspace.facts[file.path]?.helperUses ?? []).map { use in
                (name: use.name, module: use.moduleKey.flatMap { keyToPath[$0] } ?? use.moduleKey, at: SiteAddress(path: file.path, line: use.line))
            }
        }
        let survey = ProjectSurvey(clientModules: [], helpers: ProjectSurvey.helpers(from: uses),
                                   dependsOnPrisma: ProjectSurvey.dependsOnPrisma(project.root))
        let hint = "run `prisma-codemod init` to detect the client module and retry helpers and write \(RulesLoader.overrideFileName)"
        if let helper = survey.unknownHelpers(configuration).first {
            let place = "\(project.repositoryPath(of: helper.firstUse.path)):\(helper.firstUse.line)"
            throw CodemodError.selection("\(helper.name) wraps Prisma calls (\(helper.uses) call(s), first at \(place)) but is not a known "
                                         + "retry helper, so what it retries would go unseen; \(hint)")
        }
        // What the whole project holds, not only the files named: a client module, a client
        // created anywhere, or a class extending the client (NestJS's PrismaService).
        let context = workspace.context
        let projectHasClient = context.centralModuleKey != nil || (context.projectClientInstances ?? 0) > 0 || !configuration.clientTypes.isEmpty
        if survey.dependsOnPrisma, !projectHasClient {
            throw CodemodError.selection("the project \(project.displayPath) depends on Prisma, but none of its files "
                                         + "creates or imports a Prisma client this tool recognises; \(hint)")
        }
    }
}

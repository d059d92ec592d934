import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SyntaxTree

/// Which files a run covers, beyond the paths named on the command line: the
/// `--include`/`--exclude` glob lists and the `--extensions` read.
public struct FileSelection: Sendable {
    public var includes: GlobList
    public var excludes: GlobList
    /// The extensions read, lowercased and without the dot, in `Language.extensions` order.
    public var extensions: [String]
    /// List folders through git (so `.gitignore` holds) when a work tree holds them; false
    /// with `--no-git`, which walks folders as outside git.
    public var usesGit = true

    /// Every TypeScript and JavaScript file, no pattern.
    public init() {
        includes = GlobList()
        excludes = GlobList()
        extensions = Language.extensions
    }

    /// `extensions` as typed: each entry may hold several, comma-separated (`ts,tsx,js`,
    /// jscodeshift's spelling), with or without the dot; none means all of them.
    public init(includes: [String], excludes: [String] = [], extensions: [String] = []) throws(CodemodError) {
        self.includes = try GlobList(includes, option: "--include")
        self.excludes = try GlobList(excludes, option: "--exclude")
        self.extensions = try Self.parseExtensions(extensions)
    }

    /// No pattern and every extension: a folder listed with this selection is listed whole.
    public var takesEveryFile: Bool { includes.isEmpty && excludes.isEmpty && extensions == Language.extensions }

    /// Folders never entered: dependencies, build output, tool state.
    public static let skippedFolders: Set<String> = ["node_modules", "dist", "build", ".git", Journal.defaultFolderName]

    private static let skippedFolderNames = skippedFolders.map { Array($0.utf8) }

    public func accepts(_ relativePath: String) -> Bool {
        guard reads(fileName: relativePath), !Self.liesInSkippedFolder(relativePath) else { return false }
        if !includes.isEmpty, !includes.matches(relativePath) { return false }
        return !excludes.matches(relativePath)
    }

    /// Whether a folder on the path is one never entered; over the bytes, without splitting
    /// the path (this runs for every file listed).
    static func liesInSkippedFolder(_ relativePath: String) -> Bool {
        var path = relativePath
        return path.withUTF8 { bytes in
            var start = 0
            for index in bytes.indices where bytes[index] == UInt8(ascii: "/") {
                let folder = UnsafeBufferPointer(rebasing: bytes[start..<index])
                if skippedFolderNames.contains(where: { $0.elementsEqual(folder) }) { return true }
                start = index + 1
            }
            return false
        }
    }

    /// Whether a file of this name is read at all: a source extension that `--extensions` keeps.
    /// The only test a file named on the command line must pass.
    public func reads(fileName: String) -> Bool {
        guard let fileExtension = Language.sourceExtension(of: fileName) else { return false }
        return extensions.contains(fileExtension)
    }

    /// The error of a run whose paths and options leave no file: an empty run would pass
    /// silently in CI, so it names what was asked instead.
    public func nothingMatched(_ paths: [String]) -> CodemodError {
        var asked = includes.patterns.map { "--include '\($0)'" } + excludes.patterns.map { "--exclude '\($0)'" }
        var read = "extensions \(extensions.joined(separator: ",")); "
        if extensions != Language.extensions {
            asked.append("--extensions \(extensions.joined(separator: ","))")
            read = ""
        }
        let skipped = Self.skippedFolders.subtracting([Journal.defaultFolderName]).sorted().joined(separator: ", ")
        return .selection("no TypeScript files matched \(paths.joined(separator: ", "))"
                          + (asked.isEmpty ? "" : " with \(asked.joined(separator: " "))") + " (\(read)\(skipped) are never entered)")
    }

    static func parseExtensions(_ entries: [String]) throws(CodemodError) -> [String] {
        var wanted = Set<String>()
        for entry in entries {
            for item in entry.split(separator: ",") {
                var name = item.trimmingCharacters(in: .whitespaces).lowercased()
                while name.hasPrefix(".") { name.removeFirst() }
                if name.isEmpty { continue }
                guard Language(extension: name) != nil else {
                    let hint = name.hasPrefix("d.") ? "declaration files describe types only and are never read"
                        : "known: \(Language.extensions.joined(separator: ", "))"
                    throw .selection("--extensions: '\(item)' is not a TypeScript or JavaScript source extension (\(hint))")
                }
                wanted.insert(name)
            }
        }
        return wanted.isEmpty ? Language.extensions : Language.extensions.filter(wanted.contains)
    }
}

/// Lists source files below paths: through `git ls-files` inside a work tree, so
/// `.gitignore` holds, and by walking the folder elsewhere. Sorted, root-relative.
public enum FileDiscovery {
    public static func files(in paths: [String], project: Project, selection: FileSelection,
                             currentDirectory: URL) throws -> [String] {
        var found: [String] = []
        var seen = Set<String>()
        for path in paths {
            let url = Project.resolve(path, against: currentDirectory)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                throw CodemodError.missingPath(path)
            }
            if !isDirectory.boolValue {
                // A file named explicitly is taken even when ignored, as other tools do.
                let relative = project.relativePath(of: url)
                if selection.reads(fileName: relative), seen.insert(relative).inserted { found.append(relative) }
                continue
            }
            for file in try listFolder(url, project: project, usingGit: selection.usesGit, keeping: selection.accepts)
            where seen.insert(file).inserted {
                found.append(file)
            }
        }
        return found.sortedInBytes()
    }

    /// The regular files below `folder` whose root-relative paths `keeping` accepts.
    static func listFolder(_ folder: URL, project: Project, usingGit: Bool = true,
                           keeping: (String) -> Bool = { _ in true }) throws -> [String] {
        if usingGit, let problem = project.gitProblem { throw CodemodError.git(problem) }
        if usingGit, project.gitTopLevel != nil {
            let result = try Git.run(["ls-files", "-z", "--cached", "--others", "--exclude-standard"], in: folder)
            // Never a silent walk instead: ignored files would be read and rewritten.
            guard result.status == 0 else {
                throw CodemodError.git("git ls-files failed in \(folder.path): \(result.errorText.trimmingCharacters(in: .whitespacesAndNewlines)); "
                                       + "pass --no-git to walk the folder instead")
            }
            // Paths as strings and `lstat`, not URLs: this runs for every file of every run.
            let base = folder.standardizedFileURL.path
            let root = project.root.path
            let candidates = result.output.split(separator: 0).compactMap { entry -> (path: String, relative: String)? in
                let path = base + "/" + String(decoding: entry, as: UTF8.self)
                let relative = Project.relative(path, to: root)
                return keeping(relative) ? (path, relative) : nil
            }
            // Tracked files deleted in the work tree are listed too, and links: skip both (links are
            // never read or written through, so a linked file is neither counted twice nor half-applied).
            return Parallel.map(count: candidates.count) { index, _ -> String? in
                var info = stat()
                guard lstat(candidates[index].path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
                return candidates[index].relative
            }.compactMap { $0 }
        }
        var files: [String] = []
        var pending = [folder.standardizedFileURL.path]
        while let current = pending.popLast() {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: current)) ?? [] {
                let path = current + "/" + name
                var info = stat()
                let kind = lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
                if kind == S_IFDIR {
                    if !FileSelection.skippedFolders.contains(name) { pending.append(path) }
                } else if kind != S_IFLNK {
                    let relative = Project.relative(path, to: project.root.path)
                    if keeping(relative) { files.append(relative) }
                }
            }
        }
        return files
    }
}

/// A path glob, matched against root-relative paths, as `.gitignore` and shells read them:
/// - `*` and `?` within one path segment, `[abc]`, `[a-z]`, `[!x]` (or `[^x]`) and `[[:digit:]]`
///   classes: each segment is matched by the C library's `fnmatch`;
/// - `**` as a whole segment: any number of folders (`src/**/*.ts`); at the end, everything below;
/// - `{a,b}` alternatives, nested too (`src/{api,jobs/{daily,weekly}}/**`), expanded here first;
/// - a pattern with a `/` (other than a trailing one) starts at the project root, one without
///   matches a name at any depth (`*.test.ts`, `legacy`);
/// - a folder matches everything below it (`src/services` or, folders only, `src/services/`);
/// - `\` makes the next character literal (`pages/\[id\].ts`).
/// A pattern that would quietly match nothing, or means something else elsewhere, is an error.
public struct Glob: Sendable, Hashable {
    public let pattern: String
    /// One entry per brace alternative, split into segments; `**` stands for any number of folders.
    private let alternatives: [[String]]
    /// Written with a trailing `/`: a folder of the path must match, not the file itself.
    private let foldersOnly: Bool

    /// Brace alternatives multiply; past this many, a pattern is surely a mistake.
    static let maximumAlternatives = 1024

    /// `option` names where the pattern came from, for the error message.
    public init(_ pattern: String, option: String = "glob") throws(CodemodError) {
        func malformed(_ reason: String) -> CodemodError { .selection("\(option) '\(pattern)': \(reason)") }
        self.pattern = pattern
        var text = pattern
        if text.hasPrefix("!") {
            throw malformed("'!' negates a pattern only in --include and --exclude lists; write \\! for a name starting with '!'")
        }
        while text.hasPrefix("./") { text.removeFirst(2) }
        foldersOnly = text.hasSuffix("/")
        while text.hasSuffix("/") { text.removeLast() }
        let rooted = text.hasPrefix("/")
        while text.hasPrefix("/") { text.removeFirst() }
        guard !text.isEmpty else { throw malformed("names no file or folder") }
        let characters = Array(text)
        try Self.validate(characters, malformed)
        let expanded = try Self.expandBraces(characters[...], malformed)
        let anchored = rooted || text.contains("/")
        var alternatives: [[String]] = []
        for alternative in expanded {
            let segments = alternative.split(separator: "/").map(String.init).filter { $0 != "." }
            for segment in segments where segment != "**" && segment.contains("**") {
                throw malformed("'**' stands for whole folders only: write 'src/**/*.ts', not 'src/**.ts'")
            }
            if segments.contains("..") { throw malformed("patterns are relative to the project root; '..' never matches") }
            guard !segments.isEmpty else { throw malformed("names no file or folder") }
            alternatives.append(anchored ? segments : ["**"] + segments)
        }
        self.alternatives = alternatives
    }

    /// Whether a root-relative path, or one of its folders, matches.
    public func matches(_ path: String) -> Bool {
        var path = path
        while path.hasPrefix("./") { path.removeFirst(2) }
        let segments = path.split(separator: "/").map(String.init)[...]
        return alternatives.contains { match($0[...], segments) }
    }

    private func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else {
            // The pattern is used up: it named the file itself, or a folder the file is in.
            return !path.isEmpty || !foldersOnly
        }
        if first == "**" {
            let rest = pattern.dropFirst()
            if rest.isEmpty { return !path.isEmpty }  // `dir/**`: what is inside, not `dir` itself
            var remaining = path
            while true {
                if match(rest, remaining) { return true }
                guard !remaining.isEmpty else { return false }
                remaining = remaining.dropFirst()
            }
        }
        // Segments hold no `/`, so no flag is needed for what FNM_PATHNAME would keep apart; and
        // without FNM_PERIOD, `*` matches names starting with a dot, as in `.gitignore`.
        guard let name = path.first, fnmatch(first, name, 0) == 0 else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    /// Rejects what `fnmatch` would take literally or refuse, so that a typo is an error
    /// rather than a pattern that matches nothing.
    private static func validate(_ characters: [Character], _ malformed: (String) -> CodemodError) throws(CodemodError) {
        var depth = 0
        var index = 0
        while index < characters.count {
            switch characters[index] {
            case "\\":
                guard index + 1 < characters.count else { throw malformed("ends in a lone '\\'") }
                index += 2
                continue
            case "[":
                guard let end = classEnd(characters, from: index) else {
                    throw malformed("'[' is never closed (write \\[ for a literal bracket)")
                }
                try validateClass(characters[(index + 1)..<end], malformed)
                index = end + 1
                continue
            case "{":
                depth += 1
            case "}":
                guard depth > 0 else { throw malformed("'}' closes no '{' (write \\} for a literal brace)") }
                depth -= 1
            case "(" where index > 0 && "@+!?*".contains(characters[index - 1]):
                throw malformed("extended globs such as @(a|b) are not supported; write {a,b}")
            default:
                break
            }
            index += 1
        }
        if depth > 0 { throw malformed("'{' is never closed (write \\{ for a literal brace)") }
    }

    private static let classNames: Set<String> = [
        "alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "xdigit",
    ]

    private static func validateClass(_ body: ArraySlice<Character>, _ malformed: (String) -> CodemodError) throws(CodemodError) {
        var characters = Array(body)
        if let first = characters.first, first == "!" || first == "^" { characters.removeFirst() }
        if characters.contains("/") { throw malformed("a [class] never matches '/', which separates folders") }
        var index = 0
        while index < characters.count {
            if characters[index] == "[", index + 1 < characters.count, characters[index + 1] == ":" {
                let close = characters[(index + 2)...].firstIndex(of: ":") ?? characters.count
                let name = String(characters[(index + 2)..<close])
                guard classNames.contains(name) else {
                    throw malformed("[:\(name):] is not a character class (known: \(classNames.sorted().joined(separator: ", ")))")
                }
                index = close + 2
                continue
            }
            if characters[index] == "\\" { index += 2; continue }
            if index + 2 < characters.count, characters[index + 1] == "-", characters[index + 2] != "]",
               let low = characters[index].unicodeScalars.first?.value,
               let high = characters[index + 2].unicodeScalars.first?.value, low > high {
                throw malformed("the range \(characters[index])-\(characters[index + 2]) is backwards")
            }
            index += 1
        }
    }

    /// The index of the `]` closing the class opened at `start`, by POSIX's rules: a `]` first
    /// (after any `!`/`^`) is a member, and `[:name:]` may stand inside.
    private static func classEnd(_ characters: [Character], from start: Int) -> Int? {
        var index = start + 1
        if index < characters.count, characters[index] == "!" || characters[index] == "^" { index += 1 }
        if index < characters.count, characters[index] == "]" { index += 1 }
        while index < characters.count {
            switch characters[index] {
            case "\\":
                index += 2
            case "[" where index + 1 < characters.count && ":.=".contains(characters[index + 1]):
                let delimiter = characters[index + 1]
                var close = index + 2
                while close + 1 < characters.count, !(characters[close] == delimiter && characters[close + 1] == "]") { close += 1 }
                guard close + 1 < characters.count else { return nil }
                index = close + 2
            case "]":
                return index
            default:
                index += 1
            }
        }
        return nil
    }

    /// `a{b,c{d,e}}f` → `abf`, `acdf`, `acef`; escapes and classes are kept for `fnmatch`.
    private static func expandBraces(_ characters: ArraySlice<Character>,
                                     _ malformed: (String) -> CodemodError) throws(CodemodError) -> [String] {
        guard let open = firstUnquoted("{", in: characters) else { return [String(characters)] }
        // The matching `}` and the commas between, at this level only.
        var depth = 0
        var commas: [Int] = []
        var close: Int?
        var index = open
        while index < characters.endIndex, close == nil {
            switch characters[index] {
            case "\\": index += 1
            case "[": index = classEnd(Array(characters[index...]), from: 0).map { index + $0 } ?? index
            case "{": depth += 1
            case "}":
                depth -= 1
                if depth == 0 { close = index }
            case "," where depth == 1: commas.append(index)
            default: break
            }
            index += 1
        }
        guard let close else { throw malformed("'{' is never closed (write \\{ for a literal brace)") }
        let bounds = [open] + commas + [close]
        let choices = zip(bounds, bounds.dropFirst()).map { characters[($0 + 1)..<$1] }
        if choices.count == 1 {
            let body = String(choices[0])
            throw malformed(body.contains("..") ? "ranges such as {1..3} are not supported; list the values: {1,2,3}"
                                                : "{\(body)} has no ',' to choose between (write \\{ for a literal brace)")
        }
        let prefix = String(characters[characters.startIndex..<open])
        let suffixes = try expandBraces(characters[(close + 1)...], malformed)
        var result: [String] = []
        for choice in choices {
            for middle in try expandBraces(choice, malformed) {
                for suffix in suffixes {
                    result.append(prefix + middle + suffix)
                    if result.count > maximumAlternatives {
                        throw malformed("its braces expand to more than \(maximumAlternatives) patterns")
                    }
                }
            }
        }
        return result
    }

    /// The first `target` not escaped by `\` and not inside a `[class]`.
    private static func firstUnquoted(_ target: Character, in characters: ArraySlice<Character>) -> Int? {
        var index = characters.startIndex
        while index < characters.endIndex {
            switch characters[index] {
            case "\\": index += 2; continue
            case "[":
                if let end = classEnd(Array(characters[index...]), from: 0) { index += end + 1; continue }
            case target: return index
            default: break
            }
            index += 1
        }
        return nil
    }
}

/// An ordered list of globs, read as `.gitignore` reads its lines: the last pattern that
/// matches a path decides, and `!pattern` takes paths back out (`--exclude 'src/legacy'
/// --exclude '!src/legacy/keep.ts'`). A list whose first pattern is a negation starts from
/// every path, as git pathspecs do: `--include '!**/*.test.ts'` is everything but tests.
public struct GlobList: Sendable {
    public struct Entry: Sendable, Hashable {
        public var glob: Glob
        public var negated: Bool
    }

    public let entries: [Entry]

    public init() { entries = [] }

    public init(_ patterns: [String], option: String) throws(CodemodError) {
        var entries: [Entry] = []
        for pattern in patterns {
            let negated = pattern.hasPrefix("!")
            entries.append(Entry(glob: try Glob(negated ? String(pattern.dropFirst()) : pattern, option: option), negated: negated))
        }
        self.entries = entries
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// The patterns as the user wrote them, `!` included.
    public var patterns: [String] { entries.map { ($0.negated ? "!" : "") + $0.glob.pattern } }

    public func matches(_ path: String) -> Bool {
        var matched = entries.first?.negated ?? false
        for entry in entries where entry.glob.matches(path) { matched = !entry.negated }
        return matched
    }
}

extension Array where Element == String {
    /// Sorted in UTF-8 byte order. git lists paths in this order already (tracked ones, then
    /// untracked ones, each sorted): checked in one pass, sorted only when they are not.
    public func sortedInBytes() -> [String] {
        zip(self, dropFirst()).allSatisfy { String.precedesInBytes($0, $1) } ? self : sorted(by: String.precedesInBytes)
    }
}

extension String {
    /// Whether `lhs` sorts before `rhs` byte by byte in UTF-8 (git's order for paths), by
    /// `memcmp` rather than a generic walk of the two views: paths are sorted on every run.
    public static func precedesInBytes(_ lhs: String, _ rhs: String) -> Bool {
        var lhs = lhs
        var rhs = rhs
        return lhs.withUTF8 { left in
            rhs.withUTF8 { right in
                let common = Swift.min(left.count, right.count)
                if common > 0, let leftStart = left.baseAddress, let rightStart = right.baseAddress {
                    let order = memcmp(leftStart, rightStart, common)
                    if order != 0 { return order < 0 }
                }
                return left.count < right.count
            }
        }
    }
}

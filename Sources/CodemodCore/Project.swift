import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The folder a run works on: the backend root (nearest `package.json` above the
/// given path), its git work tree if any, and its tsconfig path aliases.
public struct Project: Sendable {
    public let root: URL
    public let gitTopLevel: URL?
    /// Why git cannot be used here although a work tree holds the project (git not on PATH,
    /// "dubious ownership"): then `.gitignore` cannot be honoured, and commands stop.
    public let gitProblem: String?
    public let resolver: ModuleResolver
    /// `root.path` and `gitTopLevel?.path`, kept: paths are made from them once per file of a run.
    private let rootPath: String
    private let gitTopPath: String?

    public init(root: URL) {
        self.root = root.standardizedFileURL
        self.rootPath = self.root.path
        self.gitTopLevel = Git.topLevel(of: self.root)
        self.gitTopPath = gitTopLevel?.path
        self.gitProblem = gitTopLevel == nil ? Git.problem(at: self.root) : nil
        self.resolver = ModuleSettings.read(root: self.root).resolver
    }

    /// The project holding the first path: the nearest folder at or above it with a
    /// `package.json`, else the git top level, else the folder itself.
    public static func locate(for path: String, currentDirectory: URL) throws -> Project {
        let url = resolve(path, against: currentDirectory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw CodemodError.missingPath(path)
        }
        if let link = linkedFolder(on: url, currentDirectory: currentDirectory) {
            throw CodemodError.linkedPath(path: path, link: link == url.path ? path : relative(link, to: currentDirectory.path))
        }
        let start = isDirectory.boolValue ? url : url.deletingLastPathComponent()
        var candidate = start
        while true {
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("package.json").path) {
                return Project(root: candidate)
            }
            let parent = candidate.deletingLastPathComponent()
            if parent.path == candidate.path { break }
            candidate = parent
        }
        return Project(root: Git.topLevel(of: start) ?? start)
    }

    /// The first folder link a named path goes through (the path itself when it is a link
    /// to a folder), or nil: links are never followed, so `src/loop -> .` cannot make a
    /// file be read, written and journaled under a second name. A link to a file is left
    /// to the reader, which reports it. Links above the current folder (or, for a path
    /// elsewhere, above the topmost folder holding `.git` or `package.json`) are where the
    /// tree lives, not part of it.
    static func linkedFolder(on url: URL, currentDirectory: URL) -> String? {
        let path = url.standardizedFileURL.path
        let current = currentDirectory.standardizedFileURL.path
        var base: String
        if path == current || path.hasPrefix(current.hasSuffix("/") ? current : current + "/") {
            base = current
        } else {
            base = "/"
            var folder = url.standardizedFileURL.deletingLastPathComponent()
            while folder.path != "/" {
                if [".git", "package.json"].contains(where: { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }) {
                    base = folder.path
                }
                folder = folder.deletingLastPathComponent()
            }
        }
        guard path != base else { return nil }
        var prefix = base
        for component in relative(path, to: base).split(separator: "/") {
            prefix += (prefix.hasSuffix("/") ? "" : "/") + component
            var info = stat()
            guard lstat(prefix, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { continue }
            // The named file itself may be a link to a file: the reader reports that one.
            if prefix == path, !isDirectory(path) { return nil }
            return prefix
        }
        return nil
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// A command-line path, absolute or relative to `directory`.
    public static func resolve(_ path: String, against directory: URL) -> URL {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: directory.path).appendingPathComponent(path)
        return url.standardizedFileURL
    }

    /// `/`-separated path of a file below the root.
    public func relativePath(of url: URL) -> String {
        Self.relative(url.standardizedFileURL.path, to: root.path)
    }

    public func url(of relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    /// The project's folder as the user sees it: relative to the git work tree, `.` at its top.
    public var displayPath: String {
        guard let top = gitTopLevel, top.path != root.path else { return gitTopLevel == nil ? root.path : "." }
        return Self.relative(root.path, to: top.path)
    }

    /// The path as git sees it from the work tree's top, for patches.
    public func repositoryPath(of relativePath: String) -> String {
        guard let top = gitTopPath else { return relativePath }
        return Self.relative(absolutePath(of: relativePath), to: top)
    }

    /// The standardized absolute path of a root-relative path; string work where the path
    /// has no `.` or `..` component (the paths file discovery gives), which is most of them.
    public func absolutePath(of relativePath: String) -> String {
        guard Self.isPlain(relativePath) else { return url(of: relativePath).standardizedFileURL.path }
        return rootPath == "/" ? "/" + relativePath : rootPath + "/" + relativePath
    }

    /// Not empty, not absolute, and no empty, `.` or `..` component: `a/b.ts`, not `a//b.ts` or `./a.ts`.
    static func isPlain(_ relativePath: String) -> Bool {
        var componentStart = true
        var dots = 0
        for byte in relativePath.utf8 {
            if byte == UInt8(ascii: "/") {
                if componentStart || (dots > 0 && dots <= 2) { return false }
                componentStart = true
                dots = 0
            } else if componentStart || dots > 0, byte == UInt8(ascii: ".") {
                componentStart = false
                dots += 1
            } else {
                componentStart = false
                dots = -1
            }
        }
        return !componentStart && !(dots > 0 && dots <= 2)
    }

    public static func relative(_ path: String, to base: String) -> String {
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}


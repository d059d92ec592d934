import Foundation

/// The folder a run works on: the backend root (nearest `package.json` above the
/// given path), its git work tree if any, and its tsconfig path aliases.
public struct Project: Sendable {
    public let root: URL
    public let gitTopLevel: URL?
    /// Why git cannot be used here although a work tree holds the project (git not on PATH,
    /// "dubious ownership"): then `.gitignore` cannot be honoured, and commands stop.
    public let gitProblem: String?
    public let resolver: ModuleResolver

    public init(root: URL) {
        self.root = root.standardizedFileURL
        self.gitTopLevel = Git.topLevel(of: self.root)
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
        guard let top = gitTopLevel else { return relativePath }
        return Self.relative(url(of: relativePath).standardizedFileURL.path, to: top.path)
    }

    public static func relative(_ path: String, to base: String) -> String {
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}


import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SyntaxTree

/// Which files a run covers, beyond the paths named on the command line.
public struct FileSelection: Sendable {
    public var includes: [Glob]
    public var excludes: [Glob]

    public init(includes: [String] = [], excludes: [String] = []) {
        self.includes = includes.map(Glob.init)
        self.excludes = excludes.map(Glob.init)
    }

    /// Folders never entered: dependencies, build output, tool state.
    public static let skippedFolders: Set<String> = ["node_modules", "dist", ".git", Journal.defaultFolderName]

    public func accepts(_ relativePath: String) -> Bool {
        guard Language(fileName: relativePath) != nil else { return false }
        let components = relativePath.split(separator: "/").map(String.init)
        if components.dropLast().contains(where: { Self.skippedFolders.contains($0) }) { return false }
        if !includes.isEmpty, !includes.contains(where: { $0.matches(relativePath) }) { return false }
        return !excludes.contains { $0.matches(relativePath) }
    }
}

/// Lists source files below paths: through `git ls-files` inside a work tree, so
/// `.gitignore` holds, and by walking the folder elsewhere. Sorted, root-relative.
public enum FileDiscovery {
    public static func files(in paths: [String], project: Project, selection: FileSelection,
                             currentDirectory: URL) throws -> [String] {
        var found = Set<String>()
        for path in paths {
            let url = Project.resolve(path, against: currentDirectory)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                throw CodemodError.missingPath(path)
            }
            if !isDirectory.boolValue {
                // A file named explicitly is taken even when ignored, as other tools do.
                let relative = project.relativePath(of: url)
                if Language(fileName: relative) != nil { found.insert(relative) }
                continue
            }
            for file in try listFolder(url, project: project) where selection.accepts(file) {
                found.insert(file)
            }
        }
        return found.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    static func listFolder(_ folder: URL, project: Project) throws -> [String] {
        if project.gitTopLevel != nil,
           let result = try? Git.run(["ls-files", "-z", "--cached", "--others", "--exclude-standard"], in: folder),
           result.status == 0 {
            return result.output.split(separator: 0).compactMap { entry in
                let url = folder.appendingPathComponent(String(decoding: entry, as: UTF8.self))
                // Tracked files deleted in the work tree are listed too, and links: skip both.
                return isRegularFile(url) ? project.relativePath(of: url) : nil
            }
        }
        var files: [String] = []
        var pending = [folder]
        while let current = pending.popLast() {
            let entries = (try? FileManager.default.contentsOfDirectory(
                at: current, includingPropertiesForKeys: [.isDirectoryKey, .isSymbolicLinkKey])) ?? []
            for entry in entries {
                let values = try? entry.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey])
                if values?.isDirectory == true, values?.isSymbolicLink != true {
                    if !FileSelection.skippedFolders.contains(entry.lastPathComponent) { pending.append(entry) }
                } else if values?.isSymbolicLink != true {
                    files.append(project.relativePath(of: entry))
                }
            }
        }
        return files
    }
}

/// A file that is not a symbolic link: links are never read through or written through,
/// so a linked file is neither counted twice nor half-applied.
func isRegularFile(_ url: URL) -> Bool {
    var info = stat()
    return lstat(url.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
}

/// A path glob: `*` and `?` within a path segment, `**` across segments. A pattern
/// without `/` matches the file name at any depth, as in `.gitignore`.
public struct Glob: Sendable {
    public let pattern: String
    private let regex: NSRegularExpression?

    public init(_ pattern: String) {
        self.pattern = pattern
        var body = ""
        let characters = Array(pattern.hasPrefix("./") ? String(pattern.dropFirst(2)) : pattern)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "*" {
                if index + 1 < characters.count, characters[index + 1] == "*" {
                    if index + 2 < characters.count, characters[index + 2] == "/" {
                        body += "(?:.*/)?"
                        index += 3
                    } else {
                        body += ".*"
                        index += 2
                    }
                    continue
                }
                body += "[^/]*"
            } else if character == "?" {
                body += "[^/]"
            } else {
                body += NSRegularExpression.escapedPattern(for: String(character))
            }
            index += 1
        }
        let anchored = pattern.contains("/") ? "^\(body)$" : "^(?:.*/)?\(body)$"
        regex = try? NSRegularExpression(pattern: anchored)
    }

    public func matches(_ path: String) -> Bool {
        guard let regex else { return false }
        return regex.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil
    }
}

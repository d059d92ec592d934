/// Every way a run can fail, one case family per layer, with the text a user needs to act on it.
/// Commands map these to exit codes in one place (the CLI's `Exit`).
public enum CodemodError: Error, Equatable, Sendable {
    // Syntax: input that does not parse, and outputs the safety net refused.
    case parse(path: String, position: SourcePosition, reason: String)
    case outputDoesNotParse(path: String, position: SourcePosition, transform: String)
    case notIdempotent(path: String, transform: String)
    case overlappingEdits(path: String, transform: String, first: SourcePosition, second: SourcePosition)
    case internalError(path: String, transform: String, detail: String)

    // I/O, always with the path as the user sees it.
    case missingPath(String)
    case unreadable(path: String, reason: String)
    case notUTF8(path: String)
    case binary(path: String)
    case symlink(path: String)
    /// A named path that goes through a link to a folder (`link`, as the user would name it).
    case linkedPath(path: String, link: String)
    case write(path: String, reason: String)

    /// Rules, options and saved files that cannot be used, with the file and line that said it when known.
    case configuration(String, file: String? = nil, line: Int? = nil)
    /// A selector, phase or revert that names nothing usable.
    case selection(String)
    /// git refused or could not run.
    case git(String)
    /// The journal (or its lock) stands in the way.
    case journal(String)
    /// SIGINT, SIGTERM or SIGHUP arrived while files were written; the message says what was left.
    case interrupted(signal: Int32, String)

    public var path: String? {
        switch self {
        case .missingPath(let path), .unreadable(let path, _), .notUTF8(let path), .binary(let path),
             .parse(let path, _, _), .outputDoesNotParse(let path, _, _), .notIdempotent(let path, _),
             .overlappingEdits(let path, _, _, _), .internalError(let path, _, _), .symlink(let path), .write(let path, _),
             .linkedPath(let path, _):
            return path
        case .configuration(_, let file, _):
            return file
        case .selection, .git, .journal, .interrupted:
            return nil
        }
    }

    /// The message for a command that only reads (diff, check, inventory, plan).
    public var message: String { message(writing: false) }

    /// `writing`: for a command that writes files, which may say a file was left as it was.
    public func message(writing: Bool) -> String {
        switch self {
        case .missingPath(let path):
            return "\(path): no such file or directory"
        case .unreadable(let path, let reason):
            return "\(path): cannot be read (\(reason)); skipped"
        case .notUTF8(let path):
            return "\(path): not valid UTF-8; skipped"
        case .binary(let path):
            return "\(path): looks binary (contains a NUL byte); skipped"
        case .parse(let path, let position, let reason):
            return "\(path):\(position): \(reason); " + (writing ? "file left untouched" : "file skipped")
        case .outputDoesNotParse(let path, let position, let transform):
            return "\(path):\(position): the output of \(transform) would not parse; file not written (please report this)"
        case .notIdempotent(let path, let transform):
            return "\(path): a second run of \(transform) would change the file again; file not written (please report this)"
        case .overlappingEdits(let path, let transform, let first, let second):
            return "\(path): \(transform) produced overlapping edits at \(first) and \(second); file not written (please report this)"
        case .internalError(let path, let transform, let detail):
            return "\(path): \(transform): \(detail); file not written (please report this)"
        case .symlink(let path):
            return "\(path): is a symbolic link; never written through, skipped"
        case .linkedPath(let path, let link):
            let how = path == link ? "is a symbolic link to a folder" : "goes through the symbolic link \(link) to a folder"
            return "\(path): \(how); links are never followed: name the folder it points to"
        case .write(let path, let reason):
            return "\(path): could not be written (\(reason)); the original is unchanged"
        case .configuration(let message, let file, let line):
            switch (file, line) {
            case (let file?, let line?): return "\(file):\(line): \(message)"
            case (let file?, nil): return "\(file): \(message)"
            default: return message
            }
        case .selection(let message), .git(let message), .journal(let message), .interrupted(_, let message):
            return message
        }
    }

    /// The same error with its path shown as `display` says (say, relative to the git work tree).
    public func displayingPaths(_ display: (String) -> String) -> CodemodError {
        switch self {
        case .parse(let path, let position, let reason): return .parse(path: display(path), position: position, reason: reason)
        case .outputDoesNotParse(let path, let position, let transform):
            return .outputDoesNotParse(path: display(path), position: position, transform: transform)
        case .notIdempotent(let path, let transform): return .notIdempotent(path: display(path), transform: transform)
        case .overlappingEdits(let path, let transform, let first, let second):
            return .overlappingEdits(path: display(path), transform: transform, first: first, second: second)
        case .internalError(let path, let transform, let detail): return .internalError(path: display(path), transform: transform, detail: detail)
        case .missingPath, .linkedPath, .configuration, .selection, .git, .journal, .interrupted: return self
        case .unreadable(let path, let reason): return .unreadable(path: display(path), reason: reason)
        case .notUTF8(let path): return .notUTF8(path: display(path))
        case .binary(let path): return .binary(path: display(path))
        case .symlink(let path): return .symlink(path: display(path))
        case .write(let path, let reason): return .write(path: display(path), reason: reason)
        }
    }

    /// Any error met while working on one file, as a typed error naming that file.
    public init(_ error: any Error, path: String) {
        if let error = error as? CodemodError {
            self = error
        } else {
            self = .internalError(path: path, transform: "analysis", detail: "\(error)")
        }
    }
}

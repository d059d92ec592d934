import SyntaxTree

/// Every way a file can fail, with the text a user needs to act on it.
public enum CodemodError: Error, Equatable, Sendable {
    case missingPath(String)
    case unreadable(path: String, reason: String)
    case notUTF8(path: String)
    case binary(path: String)
    case parse(path: String, position: Point, reason: String)
    case outputDoesNotParse(path: String, position: Point, transform: String)
    case notIdempotent(path: String, transform: String)
    case overlappingEdits(path: String, transform: String, first: Point, second: Point)
    case internalError(path: String, transform: String, detail: String)
    case symlink(path: String)
    case write(path: String, reason: String)
    case configuration(String)

    public var path: String? {
        switch self {
        case .missingPath(let path), .unreadable(let path, _), .notUTF8(let path), .binary(let path),
             .parse(let path, _, _), .outputDoesNotParse(let path, _, _), .notIdempotent(let path, _),
             .overlappingEdits(let path, _, _, _), .internalError(let path, _, _), .symlink(let path), .write(let path, _):
            return path
        case .configuration: return nil
        }
    }

    public var message: String {
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
            return "\(path):\(position.description): \(reason); file left untouched"
        case .outputDoesNotParse(let path, let position, let transform):
            return "\(path):\(position.description): the output of \(transform) would not parse; file not written (please report this)"
        case .notIdempotent(let path, let transform):
            return "\(path): a second run of \(transform) would change the file again; file not written (please report this)"
        case .overlappingEdits(let path, let transform, let first, let second):
            return "\(path): \(transform) produced overlapping edits at \(first.description) and \(second.description); file not written (please report this)"
        case .internalError(let path, let transform, let detail):
            return "\(path): \(transform): \(detail); file not written (please report this)"
        case .symlink(let path):
            return "\(path): is a symbolic link; never written through, skipped"
        case .write(let path, let reason):
            return "\(path): could not be written (\(reason)); the original is unchanged"
        case .configuration(let message):
            return message
        }
    }
}

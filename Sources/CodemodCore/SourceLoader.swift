import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a source file once and rejects what is not UTF-8 text.
public enum SourceLoader {
    public static func load(_ url: URL, displayPath: String) -> Result<[UInt8], CodemodError> {
        var info = stat()
        if lstat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK { return .failure(.symlink(path: displayPath)) }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
            return .failure(.unreadable(path: displayPath, reason: reason))
        }
        let bytes = [UInt8](data)
        if bytes.contains(0) { return .failure(.binary(path: displayPath)) }
        if String(validating: bytes, as: UTF8.self) == nil { return .failure(.notUTF8(path: displayPath)) }
        return .success(bytes)
    }
}

import Crypto

/// A digest of a value's whole content, the same in every process: what a cache keys the
/// settings a result was computed under by. It reads the value by reflection, so a field
/// added to a settings type is part of the key without anyone remembering to add it.
/// Sets and dictionaries are read in sorted order (their iteration order changes from one
/// process to the next). The walk is as deep as the types nest, never as deep as an input.
public enum Fingerprint {
    /// Lowercase hex SHA-256 of the canonical text of `parts`, in order.
    public static func of(_ parts: Any...) -> String {
        var hasher = SHA256()
        for part in parts {
            let text = canonical(part)
            hasher.update(data: Array("\(text.utf8.count):".utf8) + Array(text.utf8))
        }
        return hex(hasher.finalize())
    }

    /// One text per value: equal values give equal texts, and values of different content differ.
    public static func canonical(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        let children = mirror.children.map { (label: $0.label, text: canonical($0.value)) }
        switch mirror.displayStyle {
        case .optional:
            return children.first.map { "some(\($0.text))" } ?? "nil"
        case .set:
            return "set[" + children.map(\.text).sorted().map(quoted).joined(separator: ",") + "]"
        case .dictionary:
            // Each child is a (key, value) pair.
            return "dict[" + children.map(\.text).sorted().joined(separator: ",") + "]"
        case .collection:
            return "[" + children.map(\.text).joined(separator: ",") + "]"
        case .enum:
            // A case without a payload has no child: its name is its description.
            guard let payload = children.first else { return "\(type(of: value)).\(value)" }
            return "\(type(of: value)).\(payload.label ?? "")(\(payload.text))"
        case .struct, .class, .tuple:
            return "\(type(of: value)){" + children.map { "\($0.label ?? ""):\($0.text)" }.joined(separator: ",") + "}"
        default:
            // Strings, numbers and booleans: `String(reflecting:)` quotes and escapes strings.
            return String(reflecting: value)
        }
    }

    private static func quoted(_ text: String) -> String { "\(text.utf8.count):\(text)" }

    static let hexDigits = Array("0123456789abcdef".utf8)

    /// Lowercase hex of a digest, without a format call per byte (it runs once per file of a run).
    public static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

import Foundation

enum JSONOutput {
    /// Pretty, key-sorted JSON: stable across runs, so it can be diffed and snapshotted.
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// `value` as `encode` writes a string: quoted as is when it is printable ASCII without a
    /// quote or backslash, else as the encoder escapes it.
    static func appendString(_ value: String, to out: inout [UInt8]) {
        let plain = value.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        if plain {
            out.append(UInt8(ascii: "\""))
            out += value.utf8
            out.append(UInt8(ascii: "\""))
            return
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        out += (try? encoder.encode(value)) ?? Data("\"\"".utf8)
    }
}

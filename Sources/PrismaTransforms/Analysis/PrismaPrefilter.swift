import CodemodCore
import Foundation

/// Whether a file's bytes can matter to any check, transform or the inventory, decided
/// without a syntax tree: most files of a backend (controllers, routes, types) never touch
/// the client, and analysing them (scopes, bindings, calls) costs several times their parse.
///
/// A file is parsed when it holds anything a Prisma call, a client binding or a listed
/// "looks like Prisma" site needs: `prisma` in any case (the package, the class,
/// `Prisma.TransactionClient`, suppression comments, client-like names), the project's client
/// class, client types, client export and factory names, a retry helper name, a client method
/// (`$transaction`, `$queryRaw`…), a model method the unfollowed-shape check lists anywhere
/// (`findMany`, `upsert`…), a common one (`create`, `count`…) together with a client-like
/// name or a schema model, or an import of the central module, a module re-exporting it or
/// the retry module under whatever name (`import db from '@/db'`). Each test is a superset of
/// what the analysis looks for, so a file skipped here has nothing to report and is not
/// parsed: a syntax error there is the compiler's to report, not this tool's.
public struct PrismaPrefilter: Sendable {
    private let words: [String]
    private let commonMethods: [String]
    /// Searched in the lowercased bytes.
    private let clientLikeNames: [String]
    private let schemaModels: [String]
    private let context: PrismaContext

    public init(context: PrismaContext) {
        self.context = context
        let configuration = context.configuration
        var words: Set<String> = [configuration.clientClass, configuration.clientPackage]
        words.formUnion(configuration.clientTypes)
        words.formUnion(context.clientExports.filter { $0 != "default" })
        words.formUnion(context.clientFactoryExports.filter { $0 != "default" })
        words.formUnion(configuration.retryHelpers)
        words.insert(context.retryHelperName)
        words.formUnion(UnfollowedShapes.clientMethods)
        words.formUnion(UnfollowedShapes.distinctiveMethods)
        self.words = Self.shortest(words)
        commonMethods = Self.shortest(UnfollowedShapes.commonMethods)
        clientLikeNames = Self.shortest(Set(["prisma"] + UnfollowedShapes.clientLikeNames))
        schemaModels = Self.shortest(context.schemaModels)
    }

    /// Without the words that contain another (`findUniqueOrThrow` holds `findUnique`): finding the shorter one is enough.
    private static func shortest(_ words: Set<String>) -> [String] {
        let sorted = words.filter { !$0.isEmpty }.sorted { ($0.utf8.count, $0) < ($1.utf8.count, $1) }
        return sorted.filter { word in !sorted.contains { $0 != word && word.contains($0) } }
    }

    /// False only when no analysis of this file can find anything.
    public func mayConcernPrisma(_ bytes: [UInt8], path: String) -> Bool {
        if words.contains(where: { ByteSearch.contains(bytes, $0) }) { return true }
        // ASCII lowercase, for `prisma` and the client-like names in any case.
        let lowered = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        if ByteSearch.contains(lowered, "prisma") { return true }
        if commonMethods.contains(where: { ByteSearch.contains(bytes, $0) }),
           clientLikeNames.contains(where: { ByteSearch.contains(lowered, $0) }) || schemaModels.contains(where: { ByteSearch.contains(bytes, $0) }) {
            return true
        }
        return importsProjectModule(bytes, path: path)
    }

    private static let specifierPattern = try? NSRegularExpression(
        pattern: #"(?:\bfrom|\brequire\s*\(|\bimport\s*\(?)\s*['"`]([^'"`\n]+)['"`]"#)

    /// An import, export-from, `require` or `import()` of the central module, a re-exporter
    /// of it or the retry helper's module.
    private func importsProjectModule(_ bytes: [UInt8], path: String) -> Bool {
        guard context.centralModuleKey != nil || context.retryModuleKey != nil else { return false }
        guard ByteSearch.contains(bytes, "from") || ByteSearch.contains(bytes, "require") || ByteSearch.contains(bytes, "import") else {
            return false
        }
        // Without the pattern (it is a constant, so never), parse rather than guess.
        guard let pattern = Self.specifierPattern else { return true }
        let text = String(decoding: bytes, as: UTF8.self)
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let range = Range(match.range(at: 1), in: text) else { continue }
            let key = context.resolver.resolve(String(text[range]), from: path)
            if context.isCentral(key: key) || (key != nil && key == context.retryModuleKey) { return true }
        }
        return false
    }
}

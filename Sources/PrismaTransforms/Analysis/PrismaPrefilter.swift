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

    /// Which top-level statements of a file that may concern Prisma to parse: those that may
    /// concern it themselves, and those that declare a name one of them mentions
    /// (`const ALL_PAGES = […]` for `where: { page: { in: ALL_PAGES } }`), so that the
    /// analysis does not find them missing and parse the whole file after all.
    public func statementsToParse(_ statements: [Range<Int>], of bytes: [UInt8], path: String) -> [Bool] {
        var keep = statements.map { mayConcernPrisma(statement: bytes[$0], path: path) }
        let kept = statements.indices.filter { keep[$0] }
        for index in statements.indices where !keep[index] {
            guard let name = Self.declaredName(atStartOf: bytes[statements[index]]) else { continue }
            keep[index] = kept.contains { ByteSearch.containsWord(bytes[statements[$0]], name) }
        }
        return keep
    }

    /// The name a top-level declaration starts by declaring (`export const NAME`,
    /// `async function NAME`, `class NAME`); nil for a destructuring or anything else.
    static func declaredName(atStartOf statement: ArraySlice<UInt8>) -> String? {
        var index = statement.startIndex
        func nextWord() -> ArraySlice<UInt8>? {
            while index < statement.endIndex, ByteSearch.isWhiteSpace(statement[index]) || statement[index] == UInt8(ascii: "*") { index += 1 }
            let start = index
            while index < statement.endIndex, ByteSearch.isIdentifierByte(statement[index]) { index += 1 }
            return start < index ? statement[start..<index] : nil
        }
        while let word = nextWord() {
            if !Self.declarationModifiers.contains(Array(word)) { return String(decoding: word, as: UTF8.self) }
        }
        return nil
    }

    private static let declarationModifiers: Set<[UInt8]> = Set([
        "export", "default", "declare", "async", "abstract", "const", "let", "var", "function", "class", "enum", "namespace",
        "module", "interface", "type",
    ].map { Array($0.utf8) })

    /// Whether one top-level statement of a file that may concern Prisma can: a test of the
    /// same words, with the common model methods (`create`, `count`…) on their own (a client
    /// bound elsewhere in the file may call them), and without a lowercased copy. Imports
    /// always can: they bind the names the other statements use, and cost little to parse.
    /// A statement without any of them is not parsed; the analysis of the others tells
    /// whether it relied on one (`OmittedStatements`).
    func mayConcernPrisma(statement bytes: ArraySlice<UInt8>, path: String) -> Bool {
        if words.contains(where: { ByteSearch.contains(bytes, $0) }) || commonMethods.contains(where: { ByteSearch.contains(bytes, $0) })
            || ByteSearch.containsWord(bytes, "import") || ByteSearch.containsWord(bytes, "require") {
            return true
        }
        if ByteSearch.containsIgnoringASCIICase(bytes, "prisma") { return true }
        guard context.centralModuleKey != nil || context.retryModuleKey != nil else { return false }
        return importsProjectModule(Array(bytes), path: path)
    }

    /// An import, export-from, `require` or `import()` of the central module, a re-exporter
    /// of it or the retry helper's module.
    private func importsProjectModule(_ bytes: [UInt8], path: String) -> Bool {
        guard context.centralModuleKey != nil || context.retryModuleKey != nil else { return false }
        return Self.specifiers(in: bytes).contains { specifier in
            let key = context.resolver.resolve(specifier, from: path)
            return context.isCentral(key: key) || (key != nil && key == context.retryModuleKey)
        }
    }

    /// Every quoted text right after `from`, `require`, `import` (a `(` and spaces between
    /// allowed), up to the first quote or line end: a superset of the module specifiers,
    /// read over the bytes (a regular expression would first copy each file to UTF-16).
    static func specifiers(in bytes: [UInt8]) -> [String] {
        func isQuote(_ byte: UInt8) -> Bool { byte == 0x27 || byte == 0x22 || byte == 0x60 }
        func wordEnds(at end: Int, _ word: [UInt8]) -> Bool {
            let start = end - word.count
            guard start >= 0, bytes[start..<end].elementsEqual(word) else { return false }
            return start == 0 || !ByteSearch.isIdentifierByte(bytes[start - 1])
        }
        var found: [String] = []
        var index = 0
        while index < bytes.count {
            guard isQuote(bytes[index]) else {
                index += 1
                continue
            }
            var before = index
            while before > 0, ByteSearch.isWhiteSpace(bytes[before - 1]) { before -= 1 }
            if before > 0, bytes[before - 1] == UInt8(ascii: "(") {
                before -= 1
                while before > 0, ByteSearch.isWhiteSpace(bytes[before - 1]) { before -= 1 }
            }
            var end = index + 1
            while end < bytes.count, !isQuote(bytes[end]), bytes[end] != 0x0A { end += 1 }
            if end < bytes.count, isQuote(bytes[end]), end > index + 1,
               keywords.contains(where: { wordEnds(at: before, $0) }) {
                found.append(String(decoding: bytes[(index + 1)..<end], as: UTF8.self))
            }
            index += 1
        }
        return found
    }

    private static let keywords = ["from", "require", "import"].map { Array($0.utf8) }
}

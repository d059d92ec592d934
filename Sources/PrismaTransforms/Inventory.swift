import CodemodCore
import Foundation
import PrismaRules
import SyntaxTree

/// The facts about Prisma use in a code base: clients, imports, calls, retry
/// wrapping, half-migrated files and the connection budget the clients imply.
/// Its JSON form (`inventory --format json`) is documented in README and stable.
public struct InventoryReport: Codable, Equatable, Sendable {
    public var version = 1
    public var root: String
    public var centralModule: String?
    public var files: [FileEntry]
    public var failed: [FailedFile]
    public var totals: Totals
    public var budget: ConnectionBudget

    public typealias Position = SourcePosition

    public struct Instance: Codable, Equatable, Sendable {
        public var position: Position
        public var variable: String?
        public var hasOptions: Bool
        public var topLevel: Bool
        public var exported: Bool
    }

    /// A class extending the client (NestJS's `PrismaService`): a dependency-injection
    /// container makes it, one instance per provider, without a `new` in the code.
    public struct Provider: Codable, Equatable, Sendable {
        public var position: Position
        public var name: String
        public var extends: String
    }

    public struct CentralImportEntry: Codable, Equatable, Sendable {
        public var position: Position
        public var name: String
        public var alias: String?
        public var module: String
    }

    public struct RetryImportEntry: Codable, Equatable, Sendable {
        public var position: Position
        public var name: String
        public var alias: String?
        public var used: Bool
    }

    public struct Call: Codable, Equatable, Sendable {
        /// The call expression (`prisma.user.findMany`).
        public var position: Position
        public var client: String
        public var clientKind: ClientBinding.Kind
        public var model: String?
        public var method: String
        public var kind: PrismaConfiguration.MethodClass
        /// The retry helper's name when the call runs inside its callback.
        public var retry: String?
        public var transactionClient: Bool
        public var arrayTransaction: Bool
        /// Why a raw query's kind is `other`: "raw SQL not literal; read or write unknown".
        public var reason: String?
        /// The retry helper's call around it (`executeWithRetry(`), when `retry` is set.
        public var wrapper: Position? = nil
    }

    public struct Note: Codable, Equatable, Sendable {
        public var position: Position
        public var message: String
    }

    public struct FileEntry: Codable, Equatable, Sendable {
        public var path: String
        public var instances: [Instance]
        public var providers: [Provider]
        public var centralImports: [CentralImportEntry]
        public var retryImports: [RetryImportEntry]
        public var calls: [Call]
        public var unanalysable: [Note]
        public var halfMigrated: [String]
    }

    public struct FailedFile: Codable, Equatable, Sendable {
        public var path: String
        public var position: Position?
        public var reason: String
    }

    public struct Totals: Codable, Equatable, Sendable {
        public var files = 0
        public var filesWithPrisma = 0
        public var instances = 0
        /// Client subclasses, each counted as one more instance in the budget.
        public var providers = 0
        public var centralImports = 0
        public var calls = 0
        public var reads = 0
        public var writes = 0
        public var other = 0
        public var wrappedReads = 0
        public var unwrappedReads = 0
        public var wrappedWrites = 0
        public var unwrappedWrites = 0
        public var transactionClientCalls = 0
        public var unanalysable = 0
        public var halfMigratedFiles = 0
        public var failedFiles = 0
    }
}

/// Connections the client instances may open at worst, against the server's limit.
public struct ConnectionBudget: Codable, Equatable, Sendable {
    public var instances: Int
    public var poolSize: Int
    /// Where the pool size came from: `--database-url`, `.env`, or Prisma's default.
    public var poolSizeSource: String
    public var worstCase: Int
    public var maxConnections: Int
    public var exceeds: Bool

    public init(instances: Int, poolSize: Int, poolSizeSource: String, maxConnections: Int) {
        self.instances = instances
        self.poolSize = poolSize
        self.poolSizeSource = poolSizeSource
        self.worstCase = instances * poolSize
        self.maxConnections = maxConnections
        self.exceeds = worstCase > maxConnections
    }

    /// Prisma's default pool size when the URL sets no `connection_limit`.
    public static func defaultPoolSize(cpus: Int) -> Int { 2 * cpus + 1 }

    /// `connection_limit` from a database URL's query string.
    public static func connectionLimit(in url: String) -> Int? {
        guard let query = url.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0] == "connection_limit", let value = Int(parts[1]), value > 0 { return value }
        }
        return nil
    }

    /// `DATABASE_URL` from a dotenv file's text (quotes and `export` allowed).
    public static func databaseURL(inDotenv text: String) -> String? {
        for rawLine in text.split(whereSeparator: \.isNewline) {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
            guard line.hasPrefix("DATABASE_URL") else { continue }
            let rest = line.dropFirst("DATABASE_URL".count).trimmingCharacters(in: .whitespaces)
            guard rest.hasPrefix("=") else { continue }
            var value = rest.dropFirst().trimmingCharacters(in: .whitespaces)
            if let quote = value.first, quote == "\"" || quote == "'", value.count >= 2, value.last == quote {
                value = String(value.dropFirst().dropLast())
            }
            return value
        }
        return nil
    }
}

/// Options of the budget computation.
public struct BudgetOptions: Sendable {
    public var databaseURL: String?
    public var cpus: Int
    public var maxConnections: Int

    public init(databaseURL: String? = nil, cpus: Int = ProcessInfo.processInfo.activeProcessorCount, maxConnections: Int = 100) {
        self.databaseURL = databaseURL
        self.cpus = cpus
        self.maxConnections = maxConnections
    }
}

public enum Inventory {
    enum FileResult {
        case analysed(InventoryReport.FileEntry)
        case failed(InventoryReport.FailedFile)
    }

    /// `cache`: per-file results are kept between runs (nil: `--no-cache`, nothing read or written).
    public static func make(_ workspace: Workspace, budget options: BudgetOptions, cache settings: CacheSettings? = nil) -> InventoryReport {
        let context = workspace.context
        let skipped = { (loaded: LoadedFile) -> FileResult in
            .analysed(InventoryReport.FileEntry(path: loaded.path, instances: [], providers: [], centralImports: [], retryImports: [],
                                                calls: [], unanalysable: [], halfMigrated: []))
        }
        let body = { (loaded: LoadedFile, parsed: Result<ParsedFile, CodemodError>) -> FileResult in
            switch parsed {
            case .failure(let error):
                var position: InventoryReport.Position?
                if case .parse(_, let at, _) = error { position = at }
                // The reason names the file as the user sees it (several projects may share a run).
                let shown = error.displayingPaths(workspace.project.repositoryPath)
                return .failed(InventoryReport.FailedFile(path: loaded.path, position: position, reason: shown.message))
            case .success(let file):
                return .analysed(entry(for: PrismaFile(file: file, context: context)))
            }
        }
        let results: [FileResult]
        if let settings {
            results = workspace.map(cache: settings, command: "inventory", keep: { result in
                if case .analysed(let entry) = result { return entry }
                return nil
            }, restore: { _, entry in .analysed(entry) }, skipped: skipped, body)
        } else {
            results = workspace.map(skipped: skipped, body)
        }
        var files: [InventoryReport.FileEntry] = []
        var failed: [InventoryReport.FailedFile] = []
        var totals = InventoryReport.Totals()
        for result in results {
            switch result {
            case .failed(let failure): failed.append(failure)
            case .analysed(let entry):
                totals.files += 1
                let usesPrisma = !entry.instances.isEmpty || !entry.providers.isEmpty || !entry.centralImports.isEmpty || !entry.calls.isEmpty
                guard usesPrisma || !entry.retryImports.isEmpty || !entry.unanalysable.isEmpty else { continue }
                if usesPrisma { totals.filesWithPrisma += 1 }
                totals.instances += entry.instances.count
                totals.providers += entry.providers.count
                totals.centralImports += entry.centralImports.count
                totals.unanalysable += entry.unanalysable.count
                if !entry.halfMigrated.isEmpty { totals.halfMigratedFiles += 1 }
                for call in entry.calls {
                    totals.calls += 1
                    if call.transactionClient { totals.transactionClientCalls += 1 }
                    switch (call.kind, call.retry != nil) {
                    case (.read, true): totals.reads += 1; totals.wrappedReads += 1
                    case (.read, false): totals.reads += 1; totals.unwrappedReads += 1
                    case (.write, true): totals.writes += 1; totals.wrappedWrites += 1
                    case (.write, false): totals.writes += 1; totals.unwrappedWrites += 1
                    case (.other, _): totals.other += 1
                    }
                }
                files.append(entry)
            }
        }
        totals.failedFiles = failed.count
        return InventoryReport(
            root: workspace.project.root.path, centralModule: context.centralModulePath, files: files, failed: failed,
            totals: totals, budget: budget(instances: totals.instances + totals.providers, root: workspace.project.root, options: options))
    }

    static func entry(for prisma: PrismaFile) -> InventoryReport.FileEntry {
        let file = prisma.file
        func position(_ offset: Int) -> InventoryReport.Position { file.position(offset) }
        return InventoryReport.FileEntry(
            path: file.path,
            instances: prisma.instances.map {
                InventoryReport.Instance(position: position($0.expression.byteRange.lowerBound), variable: $0.variable,
                                         hasOptions: $0.hasOptions, topLevel: $0.isTopLevel, exported: $0.isExported)
            },
            providers: providers(in: prisma),
            centralImports: prisma.centralImports.map {
                InventoryReport.CentralImportEntry(position: position(($0.specifier?.range ?? $0.statement.range).lowerBound),
                                                   name: $0.specifier?.name ?? "default", alias: $0.specifier?.alias,
                                                   module: $0.statement.module)
            },
            retryImports: prisma.retryImports.map {
                InventoryReport.RetryImportEntry(position: position($0.specifier.range.lowerBound), name: $0.specifier.name,
                                                 alias: $0.specifier.alias, used: $0.isUsed)
            },
            calls: prisma.calls.map {
                InventoryReport.Call(position: position($0.codeStart), client: $0.client, clientKind: $0.clientKind,
                                     model: $0.model, method: $0.method, kind: $0.methodClass, retry: $0.retry?.helper,
                                     transactionClient: $0.onTransactionClient, arrayTransaction: $0.inArrayTransaction,
                                     reason: $0.classReason, wrapper: $0.retry.map { position($0.reportedNode.byteRange.lowerBound) })
            },
            unanalysable: prisma.unanalysable.map {
                InventoryReport.Note(position: position($0.node.byteRange.lowerBound), message: $0.reason)
            },
            halfMigrated: prisma.halfMigrationReasons)
    }

    /// `class PrismaService extends PrismaClient` (or extends another client class): each
    /// is at least one client at run time, though no `new` names it.
    static func providers(in prisma: PrismaFile) -> [InventoryReport.Provider] {
        let file = prisma.file
        let clientClasses = prisma.clientClassNames.union(prisma.context.configuration.clientTypes)
        var found: [InventoryReport.Provider] = []
        var walk = file.root.preorder()
        while let node = walk.next() {
            // An abstract class is never instantiated itself; its concrete subclasses are.
            guard node.kind == "class_declaration", let name = node.child(field: .name),
                  let heritage = node.namedChildren.first(where: { $0.kind == "class_heritage" }),
                  let extends = heritage.namedChildren.first(where: { $0.kind == "extends_clause" }),
                  let value = extends.child(field: .value) ?? extends.namedChildren.first,
                  clientClasses.contains(file.text(value)) else { continue }
            found.append(InventoryReport.Provider(position: file.position(node.byteRange.lowerBound), name: file.text(name),
                                                  extends: file.text(value)))
        }
        return found
    }

    public static func budget(instances: Int, root: URL, options: BudgetOptions) -> ConnectionBudget {
        var poolSize = ConnectionBudget.defaultPoolSize(cpus: options.cpus)
        var source = "Prisma default 2 × \(options.cpus) CPUs + 1"
        if let url = options.databaseURL {
            if let limit = ConnectionBudget.connectionLimit(in: url) {
                poolSize = limit
                source = "connection_limit in --database-url"
            }
        } else if let text = try? String(contentsOf: root.appendingPathComponent(".env"), encoding: .utf8),
                  let url = ConnectionBudget.databaseURL(inDotenv: text),
                  let limit = ConnectionBudget.connectionLimit(in: url) {
            poolSize = limit
            source = "connection_limit in .env DATABASE_URL"
        }
        return ConnectionBudget(instances: instances, poolSize: poolSize, poolSizeSource: source,
                                maxConnections: options.maxConnections)
    }
}

/// An inventory entry is kept in the cache as its JSON: `inventory` is run far less often
/// than `check`, and its entries have many more types than a check's.
extension InventoryReport.FileEntry: CacheCodable {
    public func write(to writer: inout CacheWriter) {
        writer.blob((try? [UInt8](JSONEncoder().encode(self))) ?? [])
    }

    public init(from reader: inout CacheReader) throws(CacheReader.Damaged) {
        let json = try reader.raw(try reader.count())
        guard let entry = try? JSONDecoder().decode(Self.self, from: Data(json)) else { throw CacheReader.Damaged() }
        self = entry
    }
}

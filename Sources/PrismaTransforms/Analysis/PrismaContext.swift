import CodemodCore
import Foundation
import PrismaRules

/// What every analysis of a file in one project needs to know: the rules, where
/// the central client lives, and how module specifiers resolve.
public struct PrismaContext: Sendable {
    public var configuration: PrismaConfiguration
    public var resolver: ModuleResolver
    /// Module key (root-relative path without extension) of the central client module.
    public var centralModuleKey: String?
    /// Root-relative file path of the central module, as found on disk.
    public var centralModulePath: String?
    /// Module key of the module exporting the retry helper (the central one by default).
    public var retryModuleKey: String?
    /// The helper name new retries are written with: the one the project imports most, else the first configured.
    public var retryHelperName: String
    /// Where `retryHelperName` is defined, followed from `retryModuleKey` (nil when not looked up).
    public var retryHelperSource: RetryHelperSource?
    /// Modules that re-export the central one (`export * from './prisma'` in an index file):
    /// importing the client through them is importing it from the central module.
    public var reexportingKeys: Set<String> = []
    /// The names the central module exports its client under (`default` for a default
    /// export): detected from its syntax tree, else the configured ones.
    public var clientExports: Set<String>
    /// Those of `clientExports` that are functions returning the client: importers write `getPrisma().user…`.
    public var clientFactoryExports: Set<String> = []
    /// The model delegates (`user` for `model User`) of the project's Prisma schema; empty when none was read.
    public var schemaModels: Set<String> = []
    /// How the central module builds each client it exports (by export name): what a local
    /// client must repeat to be the same client. A missing entry means it could not be read.
    public var clientConstructions: [String: ClientConstruction] = [:]
    /// `new PrismaClient(…)` sites in the whole project (nil when not counted).
    public var projectClientInstances: Int?

    /// Whether a module key is the central module or re-exports it.
    public func isCentral(key: String?) -> Bool {
        guard let key, centralModuleKey != nil else { return false }
        return key == centralModuleKey || reexportingKeys.contains(key)
    }

    public init(configuration: PrismaConfiguration, resolver: ModuleResolver,
                centralModulePath: String?, retryModulePath: String? = nil) {
        self.configuration = configuration
        self.resolver = resolver
        self.centralModulePath = centralModulePath
        self.centralModuleKey = centralModulePath.map(ModuleResolver.key)
        self.retryModuleKey = (retryModulePath ?? configuration.retryModule).map(ModuleResolver.key) ?? centralModuleKey
        retryHelperName = configuration.retryHelper
        clientExports = configuration.clientIsDefaultExport ? ["default"] : [configuration.clientExport]
    }

    /// The name a file imports the central client by: a named export if there is one.
    public var importedClientName: String? {
        clientExports.filter { $0 != "default" && !clientFactoryExports.contains($0) }.sorted().first
    }

    public func isCentralModule(_ path: String) -> Bool {
        centralModuleKey != nil && ModuleResolver.key(path) == centralModuleKey
    }
}

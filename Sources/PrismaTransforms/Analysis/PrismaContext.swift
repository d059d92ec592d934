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
    /// Modules that re-export the central one (`export * from './prisma'` in an index file):
    /// importing the client through them is importing it from the central module.
    public var reexportingKeys: Set<String> = []

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
    }

    public func isCentralModule(_ path: String) -> Bool {
        centralModuleKey != nil && ModuleResolver.key(path) == centralModuleKey
    }
}

/// Finds the module that exports the shared client: it creates a client and
/// exports a binding under the configured name.
public enum CentralModuleDetector {
    public enum Result: Equatable, Sendable {
        case found(String)
        case none
        case ambiguous([String])
    }

    /// Quick text test first, so only a handful of files are looked at closely.
    public static func isCandidate(_ bytes: [UInt8], configuration: PrismaConfiguration) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.contains("new \(configuration.clientClass)") else { return false }
        let name = configuration.clientExport
        if configuration.clientIsDefaultExport { return text.contains("export default") }
        return text.contains("export const \(name)") || text.contains("export let \(name)")
            || text.contains("export var \(name)") || text.range(of: "export {[^}]*\\b\(name)\\b", options: .regularExpression) != nil
    }

    public static func detect(candidates: [String]) -> Result {
        switch candidates.count {
        case 0: return .none
        case 1: return .found(candidates[0])
        default: return .ambiguous(candidates.sorted())
        }
    }
}

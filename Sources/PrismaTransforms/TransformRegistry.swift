import CodemodCore

/// Options a user can give any transform; which sites it changes is the engine's `Selection`.
public struct TransformOptions: Sendable {
    /// Rewrite shapes that are otherwise skipped as unsafe (options, exports, local scope).
    public var force = false
    /// Unwrap even when retry arguments or type arguments would be lost.
    public var allowLossy = false
    /// A revert: put back exactly what a run changed, also where the transform would leave
    /// such a site on its own (a retry inside a transaction that the run took off).
    public var restoring = false
    /// For a revert: what the run recorded to put each file's sites back (root-relative path → hints).
    public var restoreHints: [String: [RestoreHint]] = [:]
    /// A phase's `bareClient`: localize writes `new PrismaClient()` whatever the central module adds.
    public var bareClient = false

    public init(force: Bool = false, allowLossy: Bool = false, restoring: Bool = false, restoreHints: [String: [RestoreHint]] = [:],
                bareClient: Bool = false) {
        self.force = force
        self.allowLossy = allowLossy
        self.restoring = restoring
        self.restoreHints = restoreHints
        self.bareClient = bareClient
    }
}

/// A transform over Prisma code: made for one project's context.
public protocol PrismaTransform: Transform {
    init(context: PrismaContext, options: TransformOptions)
    /// What the project must offer before any file is changed (say, the retry helper a
    /// wrap will call); throws a configuration error naming what is missing.
    static func preflight(_ context: PrismaContext, options: TransformOptions) throws
}

extension PrismaTransform {
    public static func preflight(_ context: PrismaContext, options: TransformOptions) throws {}
}

/// Every transform, declared once: the CLI's list, help, phases and reverts come from here.
public enum TransformRegistry {
    public struct Entry: Sendable {
        public let type: any PrismaTransform.Type

        public var id: String { type.id }
        public var summary: String { type.summary }
        public var inverse: String { type.inverse }
        public var granularity: Granularity { type.granularity }

        public func make(_ context: PrismaContext, _ options: TransformOptions) -> any PrismaTransform {
            type.init(context: context, options: options)
        }

        public func preflight(_ context: PrismaContext, _ options: TransformOptions) throws {
            try type.preflight(context, options: options)
        }
    }

    public static let all: [Entry] = [
        Entry(type: LocalizeClient.self),
        Entry(type: CentralizeClient.self),
        Entry(type: UnwrapRetries<Reads>.self),
        Entry(type: WrapRetries<Reads>.self),
        Entry(type: WrapRetries<Writes>.self),
        Entry(type: UnwrapRetries<Writes>.self),
        Entry(type: HoistRetryToTransaction.self),
        Entry(type: UnhoistRetryFromTransaction.self),
    ]

    public static func entry(_ id: String) -> Entry? { all.first { $0.id == id } }
}

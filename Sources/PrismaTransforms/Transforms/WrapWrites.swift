import CodemodCore

/// `wrap-writes`: Put Prisma writes into the retry helper (`--only notification.create`), in the seed's multi-line shape.
///
/// Matches: an awaited or returned Prisma write not yet inside the retry helper,
/// and not on a transaction client.
///
/// Rewrites: the call goes into `executeWithRetry(() => …)` (multi-line calls in
/// the seed's shape, one level deeper), and the helper is imported when missing.
/// Inverse: `unwrap-writes`.
public struct WrapWrites: Transform {
    public static let id = "wrap-writes"
    public static let summary = "Put Prisma writes into the retry helper (`--only notification.create`), in the seed's multi-line shape."

    let implementation: RetryWrapper
    public var id: String { Self.id }

    public init(context: PrismaContext, options: TransformOptions) {
        implementation = RetryWrapper(target: .write, context: context, options: options)
    }

    public func rewrite(_ file: ParsedFile) throws -> Rewrite {
        try implementation.rewrite(file)
    }
}

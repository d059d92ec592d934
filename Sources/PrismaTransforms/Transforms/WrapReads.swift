import CodemodCore

/// `wrap-reads`: Put Prisma reads into the retry helper, in the seed's multi-line shape.
///
/// Matches: an awaited or returned Prisma read not yet inside the retry helper,
/// and not on a transaction client.
///
/// Rewrites: the call goes into `executeWithRetry(() => …)` (multi-line calls in
/// the seed's shape, one level deeper), and the helper is imported when missing.
/// Inverse: `unwrap-reads`.
public struct WrapReads: Transform {
    public static let id = "wrap-reads"
    public static let summary = "Put Prisma reads into the retry helper, in the seed's multi-line shape."

    let implementation: RetryWrapper
    public var id: String { Self.id }

    public init(context: PrismaContext, options: TransformOptions) {
        implementation = RetryWrapper(target: .read, context: context, options: options)
    }

    public func rewrite(_ file: ParsedFile) throws -> Rewrite {
        try implementation.rewrite(file)
    }
}

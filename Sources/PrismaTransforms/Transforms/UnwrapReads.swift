import CodemodCore

/// `unwrap-reads`: take the retry helper off Prisma reads (seed phase 1).
///
/// Matches: a retry-helper call whose callback does exactly one Prisma read.
///
/// Rewrites: the helper call becomes the read itself, inner lines de-indented; the
/// helper's import goes when nothing uses it any more. Callbacks with more than one
/// operation, extra retry arguments, parameters the call uses, or a result stored
/// un-awaited are reported and left (the latter two unless `--allow-lossy`).
/// Inverse: `wrap-reads`.
public struct UnwrapReads: Transform {
    public static let id = "unwrap-reads"
    public static let summary = "Take the retry helper off Prisma reads: `await executeWithRetry(() => prisma.x.findMany())` becomes `await prisma.x.findMany()`."

    let implementation: RetryUnwrapper
    public var id: String { Self.id }

    public init(context: PrismaContext, options: TransformOptions) {
        implementation = RetryUnwrapper(target: .read, context: context, options: options)
    }

    public func rewrite(_ file: ParsedFile) throws -> Rewrite {
        try implementation.rewrite(file)
    }
}

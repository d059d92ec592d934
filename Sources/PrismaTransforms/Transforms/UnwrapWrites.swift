import CodemodCore

/// `unwrap-writes`: Take the retry helper off Prisma writes.
///
/// Matches: a retry-helper call whose callback does exactly one Prisma write.
///
/// Rewrites: the helper call becomes the write itself, inner lines de-indented; the
/// helper's import goes when nothing uses it any more. Callbacks with more than one
/// operation, extra retry arguments, parameters the call uses, or a result stored
/// un-awaited are reported and left (the latter two unless `--allow-lossy`).
/// Inverse: `wrap-writes`.
public struct UnwrapWrites: Transform {
    public static let id = "unwrap-writes"
    public static let summary = "Take the retry helper off Prisma writes."

    let implementation: RetryUnwrapper
    public var id: String { Self.id }

    public init(context: PrismaContext, options: TransformOptions) {
        implementation = RetryUnwrapper(target: .write, context: context, options: options)
    }

    public func rewrite(_ file: ParsedFile) throws -> Rewrite {
        try implementation.rewrite(file)
    }
}

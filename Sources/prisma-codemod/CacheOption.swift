import ArgumentParser
import Foundation
import PrismaTransforms

/// `--no-cache` of the commands that keep per-file results (`check`, `inventory`).
struct CacheOption: ParsableArguments {
    @Flag(name: .customLong("no-cache"),
          help: "Neither read nor write the results cache (.prisma-codemod/cache at the project root).")
    var noCache = false

    /// Nil with `--no-cache`.
    var settings: CacheSettings? {
        guard !noCache else { return nil }
        // The running executable, whatever path or link it was started by.
        let executable = (Bundle.main.executableURL ?? URL(fileURLWithPath: "/proc/self/exe")).resolvingSymlinksInPath()
        var settings = CacheSettings(toolVersion: PrismaCodemod.version, executable: executable, warn: { Output.err("warning: \($0)") })
        settings.markRestored = ProcessInfo.processInfo.environment["PRISMA_CODEMOD_TEST_MARK_CACHED"] == "1"
        return settings
    }
}

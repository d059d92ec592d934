import Foundation
import XCTest

/// `localize-client` and `centralize-client` on a Next.js project whose central client is a
/// `globalThis` singleton built with `$extends(withAccelerate())`.
final class ClientConstructionCLITests: XCTestCase {
    private let page = """
        import { prisma } from '@/lib/prisma'

        export default async function Page() {
          const posts = await prisma.post.findMany({ cacheStrategy: { ttl: 60 } })
          return <ul>{posts.map((post) => <li key={post.id}>{post.title}</li>)}</ul>
        }

        """

    private func nextProject(central: String) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("prisma-codemod-next-\(UUID().uuidString)")
        let files = [
            "package.json": #"{ "dependencies": { "next": "15.0.0", "@prisma/client": "6.0.0" } }"# + "\n",
            "tsconfig.json": #"{ "compilerOptions": { "paths": { "@/*": ["./*"] } } }"# + "\n",
            "lib/prisma.ts": central,
            "app/page.tsx": page,
            "app/components/count.tsx": "'use client'\nimport { prisma } from '@/lib/prisma'\n\nexport const Count = () => <span>{String(prisma)}</span>\n",
        ]
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try git(["init", "-q"], in: root)
        try git(["add", "-A"], in: root)
        try git(["commit", "-q", "-m", "start"], in: root)
        return root
    }

    func testTheExtendedSingletonIsRepeatedLocallyAndTakenBack() throws {
        let repo = try nextProject(central: """
            import { PrismaClient } from '@prisma/client'
            import { withAccelerate } from '@prisma/extension-accelerate'

            const globalForPrisma = globalThis as unknown as { prisma: ReturnType<typeof makeClient> }
            const makeClient = () => new PrismaClient().$extends(withAccelerate())

            export const prisma = globalForPrisma.prisma ?? makeClient()

            if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma

            """)
        defer { try? FileManager.default.removeItem(at: repo) }
        let diff = try tool(["diff", "localize-client", "."], in: repo)
        XCTAssertEqual(diff.status, 0, diff.stderr)
        XCTAssertTrue(diff.stdout.contains("""
            -import { prisma } from '@/lib/prisma'
            +import { PrismaClient } from '@prisma/client'
            +import { withAccelerate } from '@prisma/extension-accelerate'
            +const prisma = new PrismaClient().$extends(withAccelerate())
            """), diff.stdout)
        XCTAssertFalse(diff.stdout.contains("globalForPrisma"), "the singleton's caching is the central module's, not copied")
        XCTAssertTrue(diff.stderr.contains("localize-client: 1 file(s) would change (1 site(s)), 1 unchanged, 1 skipped, 0 failed"), diff.stderr)
        XCTAssertTrue(diff.stderr.contains("skipped app/components/count.tsx: the file is marked 'use client': "
                                           + "a local PrismaClient would go into the browser bundle"), diff.stderr)

        XCTAssertEqual(try tool(["apply", "localize-client", "."], in: repo).status, 0)
        let back = try tool(["apply", "centralize-client", "."], in: repo)
        XCTAssertEqual(back.status, 0, back.stderr)
        XCTAssertEqual(try String(contentsOf: repo.appendingPathComponent("app/page.tsx"), encoding: .utf8), page, "the round trip restores the page")
    }

    func testAClientThatCannotBeRepeatedIsLeftWithWhatWouldBeLostEvenWithForce() throws {
        let repo = try nextProject(central: """
            import { PrismaNeon } from '@prisma/adapter-neon'
            import { PrismaClient } from '@prisma/client'
            import { withAccelerate } from '@prisma/extension-accelerate'

            function createAdapter() {
              const adapter = new PrismaNeon({ connectionString: process.env.DATABASE_URL })
              console.log('adapter ready')
              return adapter
            }

            const adapter = createAdapter()
            const globalForPrisma = globalThis as unknown as { prisma: ReturnType<typeof makeClient> }
            const makeClient = () => new PrismaClient({ adapter }).$extends(withAccelerate())

            export const prisma = globalForPrisma.prisma ?? makeClient()

            """)
        defer { try? FileManager.default.removeItem(at: repo) }
        let diff = try tool(["diff", "localize-client", ".", "--force"], in: repo)
        XCTAssertEqual(diff.status, 0, diff.stderr)
        XCTAssertEqual(diff.stdout, "")
        XCTAssertTrue(diff.stderr.contains("""
            skipped app/page.tsx: the central client is built with an adapter ({ adapter: createAdapter() }) and \
            $extends(withAccelerate()) at lib/prisma.ts:13, and it uses createAdapter, declared in lib/prisma.ts at line 5: \
            it cannot be repeated here, and a local new PrismaClient() would lose it; left as it is (--force does not drop \
            a client's configuration)
            """), diff.stderr)

        // The other way: a plain local client is not the adapter-backed, extended central one.
        try Data(page.replacingOccurrences(of: "import { prisma } from '@/lib/prisma'\n",
                                           with: "import { PrismaClient } from '@prisma/client'\nconst prisma = new PrismaClient()\n").utf8)
            .write(to: repo.appendingPathComponent("app/page.tsx"))
        let centralize = try tool(["diff", "centralize-client", ".", "--force"], in: repo)
        XCTAssertEqual(centralize.stdout, "")
        XCTAssertTrue(centralize.stderr.contains("skipped app/page.tsx: the client at line 2 is built as new PrismaClient(), the central one "
                                                 + "(lib/prisma.ts:13) as new PrismaClient({ adapter: createAdapter() }).$extends(w…: "
                                                 + "the central one has options, the central one is extended with $extends"), centralize.stderr)
    }
}

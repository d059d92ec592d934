import CodemodCore
import Foundation
import XCTest

/// Module resolution as TypeScript and Node read a project's config files.
final class ModuleSettingsTests: XCTestCase {
    private func project(_ files: [String: String]) throws -> URL {
        let root = try temporaryFolder()
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root
    }

    func testPathsFromAnExtendedJSON5ConfigWithEveryTarget() throws {
        let root = try project([
            "tsconfig.json": """
                // the app's config
                { "extends": "./config/tsconfig.base.json", "compilerOptions": { "strict": true, }, }
                """,
            "config/tsconfig.base.json": """
                {
                  /* paths are relative to this file when no baseUrl is set */
                  "compilerOptions": { "module": "nodenext", "paths": { "~/*": ["../src/*", "../generated/*"], "db": ["../src/lib/db.ts"] } },
                }
                """,
            "package.json": #"{ "type": "module", "dependencies": { "@prisma/client": "5" } }"#,
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let settings = ModuleSettings.read(root: root)
        XCTAssertEqual(settings.importExtension, ".js", "nodenext from the extended config, type module from package.json")
        let resolver = settings.resolver.knowing(paths: ["src/a.ts", "generated/prisma/index.ts", "src/lib/db.ts"])
        XCTAssertEqual(resolver.resolve("~/a.js", from: "src/x.ts"), "src/a")
        XCTAssertEqual(resolver.resolve("~/prisma", from: "src/x.ts"), "generated/prisma", "the second target, where the file is")
        XCTAssertEqual(resolver.resolve("db", from: "src/x.ts"), "src/lib/db")
        XCTAssertNil(resolver.resolve("express", from: "src/x.ts"))
    }

    func testBaseUrlAlonePackageImportsAndTsExtensions() throws {
        let root = try project([
            "tsconfig.json": #"{ "compilerOptions": { "baseUrl": "./src", "allowImportingTsExtensions": true } }"#,
            "package.json": """
                { "imports": { "#app/*": "./app/*", "#db": { "types": "./app/utils/db.server.ts", "default": "./build/db.js" } } }
                """,
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let settings = ModuleSettings.read(root: root)
        XCTAssertEqual(settings.importExtension, ".ts")
        XCTAssertEqual(settings.baseUrl, "src")
        let resolver = settings.resolver.knowing(paths: ["src/lib/db.ts", "app/utils/db.server.ts"])
        XCTAssertEqual(resolver.resolve("lib/db", from: "src/routes/a.ts"), "src/lib/db", "baseUrl alone")
        XCTAssertNil(resolver.resolve("lodash", from: "src/routes/a.ts"), "a package stays a package")
        XCTAssertEqual(resolver.resolve("#app/utils/db.server.ts", from: "app/routes/x.tsx"), "app/utils/db.server")
        XCTAssertEqual(resolver.resolve("#db", from: "app/routes/x.tsx"), "app/utils/db.server")
        XCTAssertEqual(resolver.style(of: ["express"], in: "src/x.ts"), .relative(extension: ".ts"))
        XCTAssertEqual(resolver.style(of: ["./a.ts"], in: "src/x.ts"), .relative(extension: ".ts"), "the file's own habit")
        XCTAssertEqual(resolver.specifier(for: "src/lib/db", from: "src/routes/a.ts", style: .relative(extension: ".ts")), "../lib/db.ts")
        XCTAssertEqual(resolver.specifier(for: "app/utils/db.server", from: "app/routes/x.tsx", style: .alias), "#app/utils/db.server")
    }

    /// `${configDir}` in a shared base config means the folder of the project's own tsconfig.
    func testConfigDirInASharedBaseConfig() throws {
        let root = try project([
            "tsconfig.json": #"{ "extends": "@acme/tsconfig/base.json" }"#,
            "node_modules/@acme/tsconfig/base.json": #"{ "compilerOptions": { "baseUrl": "${configDir}", "paths": { "~server/*": ["${configDir}/src/server/*"] } } }"#,
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let settings = ModuleSettings.read(root: root)
        XCTAssertEqual(settings.baseUrl, "")
        XCTAssertEqual(settings.resolver.resolve("~server/db", from: "src/app.ts"), "src/server/db")
    }

    /// A file without local imports gets the project's habit: its alias, when most files use it.
    func testAFileWithoutLocalImportsFollowsTheProjectsAliasHabit() {
        let alias = ModuleResolver(aliases: [PathAlias(prefix: "@/", target: "src/", wildcard: true)])
        let habit = alias.knowing(paths: ["src/lib/prisma.ts"], sources: ["import prisma from '@/lib/prisma';", "import { x } from \"@/x\";\nimport y from './y';"].map { Array($0.utf8) })
        XCTAssertEqual(habit.style(of: ["next/server"], in: "src/app/api/users/route.ts"), .alias)
        XCTAssertEqual(habit.specifier(for: "src/lib/prisma", from: "src/app/api/users/route.ts", style: .alias), "@/lib/prisma")
        let relativeHabit = alias.knowing(paths: [], sources: ["import a from './a';", "import b from '../b';"].map { Array($0.utf8) })
        XCTAssertEqual(relativeHabit.style(of: [], in: "src/x.ts"), .relative(extension: nil))
    }
}

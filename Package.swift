// swift-tools-version:6.0
import PackageDescription

// Release builds specialise generic code across the tool's own modules (the results cache's
// readers, the parallel map): unspecialised, its metadata lookups cost a warm check a tenth.
let optimizedAcrossModules: [SwiftSetting] = [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]

let package = Package(
    name: "prisma-codemod",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "prisma-codemod", targets: ["prisma-codemod"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // Debian's libtree-sitter-dev, through pkg-config.
        .systemLibrary(
            name: "CTreeSitter",
            pkgConfig: "tree-sitter",
            providers: [.apt(["libtree-sitter-dev"])]
        ),
        // tree-sitter-typescript 0.23.2 (TypeScript and TSX) and tree-sitter-javascript 0.23.1;
        // sources fetched by scripts/setup.sh. Each grammar exports only tree_sitter_<name> and
        // its tree_sitter_<name>_external_scanner_* functions, so the three link side by side.
        .target(
            name: "CTreeSitterTypeScript",
            exclude: ["grammar/VERSION", "grammar/javascript/VERSION"],
            sources: [
                "grammar_present.c",
                "grammar/typescript/src/parser.c",
                "grammar/typescript/src/scanner.c",
                "grammar/tsx/src/parser.c",
                "grammar/tsx/src/scanner.c",
                "grammar/javascript/src/parser.c",
                "grammar/javascript/src/scanner.c",
            ],
            cSettings: [.unsafeFlags(["-w"])]  // third-party generated code: its warnings are not ours to fix
        ),
        .target(name: "SyntaxTree", dependencies: ["CTreeSitter", "CTreeSitterTypeScript"], swiftSettings: optimizedAcrossModules),
        .target(name: "CodemodCore", dependencies: ["SyntaxTree", .product(name: "Crypto", package: "swift-crypto")],
                swiftSettings: optimizedAcrossModules),
        .target(
            name: "PrismaRules",
            dependencies: ["CodemodCore", .product(name: "Yams", package: "Yams")],
            // A link to the top-level Rules/, compiled into the binary as bytes (PackageResources):
            // an installed copy needs no resource bundle beside it.
            resources: [.embedInCode("Rules")],
            swiftSettings: optimizedAcrossModules
        ),
        .target(name: "PrismaTransforms", dependencies: ["CodemodCore", "PrismaRules", "SyntaxTree"], swiftSettings: optimizedAcrossModules),
        .executableTarget(
            name: "prisma-codemod",
            dependencies: [
                "CodemodCore", "PrismaRules", "PrismaTransforms", "SyntaxTree",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: optimizedAcrossModules
        ),
        .testTarget(name: "SyntaxTreeTests", dependencies: ["SyntaxTree", "CTreeSitter"]),
        .testTarget(name: "CodemodCoreTests", dependencies: ["CodemodCore", "SyntaxTree"]),
        .testTarget(name: "PrismaRulesTests", dependencies: ["PrismaRules"]),
        .testTarget(
            name: "PrismaTransformsTests",
            dependencies: ["PrismaTransforms", "PrismaRules", "CodemodCore", "SyntaxTree", .product(name: "Yams", package: "Yams")]
        ),
        .testTarget(name: "CLITests", dependencies: ["prisma-codemod", .product(name: "Yams", package: "Yams")]),
    ]
)

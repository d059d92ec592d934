import CodemodCore
import Foundation
import PrismaRules
import PrismaTransforms
import SyntaxTree
import XCTest
import Yams

/// The repository's top folder, found from this file's place.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let casesRoot = repositoryRoot.appendingPathComponent("Fixtures/cases")
let backendRoot = repositoryRoot.appendingPathComponent("Fixtures/backend")

/// Set RECORD_FIXTURES=1 to rewrite expected files; the run then fails on purpose,
/// so a fresh baseline is never accepted without a look.
let recordFixtures = ProcessInfo.processInfo.environment["RECORD_FIXTURES"] == "1"

func defaultConfiguration() throws -> PrismaConfiguration {
    try RulesLoader.load(root: nil)
}

/// One golden case: `Fixtures/cases/<transform>/<case>/input.ts`, `expected.ts`, `options.yaml`.
struct GoldenCase {
    enum Expectation: String { case changed, unchanged, skipped, failed }

    let transform: String
    let name: String
    let folder: URL
    let inputURL: URL
    let expectedURL: URL
    let path: String
    let expectation: Expectation
    let reason: String?
    let roundTrip: Bool
    let options: TransformOptions
    let selection: Selection
    let context: PrismaContext

    static func all(for transform: String? = nil) throws -> [GoldenCase] {
        let manager = FileManager.default
        var cases: [GoldenCase] = []
        let transforms = try manager.contentsOfDirectory(atPath: casesRoot.path).sorted()
        for transformID in transforms where transform == nil || transformID == transform {
            let folder = casesRoot.appendingPathComponent(transformID)
            for name in try manager.contentsOfDirectory(atPath: folder.path).sorted() {
                cases.append(try GoldenCase(transform: transformID, name: name, folder: folder.appendingPathComponent(name)))
            }
        }
        return cases
    }

    init(transform: String, name: String, folder: URL) throws {
        self.transform = transform
        self.name = name
        self.folder = folder
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let input = files.first { $0.hasPrefix("input.") } ?? "input.ts"
        let ext = String(input.dropFirst("input.".count))
        inputURL = folder.appendingPathComponent(input)
        expectedURL = folder.appendingPathComponent("expected.\(ext)")

        var fields: [String: Any] = [:]
        let optionsURL = folder.appendingPathComponent("options.yaml")
        if let text = try? String(contentsOf: optionsURL, encoding: .utf8) {
            fields = (try Yams.load(yaml: text) as? [String: Any]) ?? [:]
        }
        path = fields["path"] as? String ?? "src/controllers/\(name).\(ext)"
        expectation = Expectation(rawValue: fields["expect"] as? String ?? "changed") ?? .changed
        reason = fields["reason"] as? String
        roundTrip = fields["roundTrip"] as? Bool ?? (expectation == .changed)
        let casePath = path
        options = TransformOptions(force: fields["force"] as? Bool ?? false, allowLossy: fields["allowLossy"] as? Bool ?? false)
        selection = Selection(at: (fields["at"] as? [Int] ?? []).map { SiteAddress(path: casePath, line: $0) },
                              only: fields["only"] as? [String] ?? [])
        var configuration = try defaultConfiguration()
        if let defaultExport = fields["defaultExport"] as? Bool { configuration.clientIsDefaultExport = defaultExport }
        if let helpers = fields["retryHelpers"] as? [String] { configuration.retryHelpers = helpers }
        // What a workspace learns from `class PrismaService extends PrismaClient` elsewhere in the project.
        if let types = fields["clientTypes"] as? [String] { configuration.clientTypes = types }
        let aliases = (fields["tsconfigPaths"] as? [String: String] ?? [:]).sorted { $0.key < $1.key }.map { pattern, target in
            pattern.hasSuffix("*")
                ? PathAlias(prefix: String(pattern.dropLast()), target: String(target.dropLast()), wildcard: true)
                : PathAlias(prefix: pattern, target: target, wildcard: false)
        }
        let centralPath = fields["centralModule"] as? String ?? "src/utils/prisma.ts"
        var context = PrismaContext(configuration: configuration, resolver: ModuleResolver(aliases: aliases), centralModulePath: centralPath)
        // `central.ts` beside the input is the central module: read as a run reads the real one.
        // Without it, the central module exports a plain `new PrismaClient()`.
        let centralURL = folder.appendingPathComponent("central.ts")
        if FileManager.default.fileExists(atPath: centralURL.path) {
            let central = try ParsedFile.clean(path: centralPath, bytes: [UInt8](try Data(contentsOf: centralURL)), parsers: ParserSet())
            let exports = ClientModules.exports(of: central, configuration: configuration)
            context.clientExports = exports.clientExports
            context.clientFactoryExports = exports.factoryExports
            context.clientConstructions = exports.constructions
        } else {
            for name in context.clientExports { context.clientConstructions[name] = .plain(configuration) }
        }
        self.context = context
    }

    func input() throws -> [UInt8] { [UInt8](try Data(contentsOf: inputURL)) }

    /// Runs a transform on the case's file with the case's options; `selection` defaults to the case's own.
    func run(_ transformID: String, on bytes: [UInt8], selection: Selection? = nil) throws -> FileOutcome {
        let entry = try XCTUnwrap(TransformRegistry.entry(transformID), "no transform \(transformID)")
        let inverse = TransformRegistry.entry(entry.inverse)?.make(context, options)
        return Engine().run(entry.make(context, options), inverse: inverse, selection: selection ?? self.selection, path: path,
                            bytes: bytes, parsers: ParserSet())
    }
}

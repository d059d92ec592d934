import CodemodCore
import Foundation
import SyntaxTree

/// `localize-client`: each file gets its own client again.
///
/// Matches: a file importing the shared client from the central module
/// (`import { prisma } from '../utils/prisma'`, aliased, or as default import).
///
/// Rewrites: the client specifier goes (other specifiers such as the retry helper
/// stay), `PrismaClient` is imported from `@prisma/client` (merged into a value
/// import there, else in place of the emptied statement, else on a line of its own
/// before it), and `const <name> = new PrismaClient();` follows the last import, or
/// the last import before the first top-level statement that uses the client. A
/// central client built otherwise (options, `$extends`, an adapter, another class
/// module) is repeated with the imports it needs, or, when it cannot be, the file is
/// left with what would be lost (`--force` does not change that). `'use client'`
/// files and files reaching the client through a Remix/React Router `.server`
/// module are left. The central module itself is left alone. Inverse: `centralize-client`.
public struct LocalizeClient: PrismaTransform {
    public static let id = "localize-client"
    public static let summary = "Replace the central client import with a local `new PrismaClient()`."
    public static let inverse = CentralizeClient.id
    public static let granularity = Granularity.file

    public let context: PrismaContext
    public let options: TransformOptions

    public init(context: PrismaContext, options: TransformOptions) {
        self.context = context
        self.options = options
    }

    public func analyze(_ file: ParsedFile) throws -> FileChange? {
        if context.isCentralModule(file.path) { return nil }
        let prisma = PrismaFile(file: file, context: context)
        guard let central = prisma.centralImports.first else { return nil }
        let site = (central.specifier?.range ?? central.statement.range)
        let change = FileChange(file: file, key: FileChange.clientKey(central.localName), range: site,
                                label: "import \(central.localName) → new \(context.configuration.clientClass)()")
        do {
            return change.with(edits: try edits(prisma, central: central), notes: bareClientNotes(central, in: file))
        } catch let skip as FileChange.Skip {
            return change.leaving(skip.reason)
        }
    }

    public func candidates(in change: FileChange?) -> [Candidate] { change.map { [$0.candidate] } ?? [] }

    public func edits(for selected: [Candidate], in change: FileChange?) throws -> Rewrite {
        change?.rewrite ?? Rewrite()
    }

    private func edits(_ prisma: PrismaFile, central: CentralImport) throws -> [Edit] {
        let file = prisma.file
        let configuration = context.configuration
        if prisma.centralImports.count > 1 {
            throw FileChange.Skip("imports the central client more than once (\(prisma.centralImports.map(\.localName).joined(separator: ", ")))")
        }
        if let instance = prisma.instances.first {
            let line = file.lines.lineNumber(of: instance.expression.byteRange.lowerBound)
            throw FileChange.Skip("half-migrated: already creates a \(configuration.clientClass) at line \(line)")
        }
        if let name = central.specifier?.name, context.clientFactoryExports.contains(name) {
            throw FileChange.Skip("imports the client factory \(name)(); a local client would change how every call reaches it; left as it is")
        }
        if let boundary = browserBoundary(file, central: central) {
            throw FileChange.Skip("\(boundary): a local \(configuration.clientClass) would go into the browser bundle; left as it is")
        }
        // A phase that asks for a bare client gets one; `bareClientNotes` says what it leaves out.
        let construction = options.bareClient ? nil : try centralConstruction(of: central)
        let plain = construction?.isPlain(configuration) ?? true

        let typeOnlyClass = prisma.clientPackageImports.contains { statement in
            statement.named.contains { $0.name == configuration.clientClass && (statement.isTypeOnly || $0.isType) }
        }
        if typeOnlyClass, construction?.classImport?.module ?? configuration.clientPackage == configuration.clientPackage {
            throw FileChange.Skip("\(configuration.clientClass) is imported as a type only; a value import beside it would declare it twice. "
                                  + "Make that import a value import first")
        }
        var imports: ImportEdits
        var expression = "new \(prisma.clientClassNames.sorted().first { $0 != configuration.clientClass } ?? configuration.clientClass)()"
        if let construction, !plain {
            imports = try faithfulImports(prisma, central: central, construction: construction)
            expression = construction.expression.replacingOccurrences(of: "\n", with: file.style.lineEnding)
        } else {
            imports = plainImports(prisma, central: central)
        }
        let declaration = "const \(central.localName) = \(expression)\(file.style.terminator)"
        imports.edits.append(try declarationEdit(declaration, for: central.localName, in: file, after: imports.anchors))
        return imports.edits
    }

    /// With a phase's `bareClient`: what the central module adds that the bare client leaves out.
    private func bareClientNotes(_ central: CentralImport, in file: ParsedFile) -> [Note] {
        guard options.bareClient, let construction = context.clientConstructions[central.specifier?.name ?? "default"],
              !construction.isPlain(context.configuration) else { return [] }
        let features = construction.features(context.configuration).joined(separator: " and ")
        let module = context.centralModulePath ?? "the central module"
        return [Note(position: file.position((central.specifier?.range ?? central.statement.range).lowerBound),
                     message: "a bare new \(context.configuration.clientClass)(), as the phase says (bareClient); "
                         + "the central client's \(features.isEmpty ? "configuration" : features) (\(module):\(construction.line)) is not repeated")]
    }

    /// The construction the central module gives the imported client, or why a local one cannot repeat it.
    private func centralConstruction(of central: CentralImport) throws -> ClientConstruction {
        let exportName = central.specifier?.name ?? "default"
        let shown = exportName == "default" ? "its default export" : exportName
        let module = context.centralModulePath ?? "the central module"
        guard let construction = context.clientConstructions[exportName] else {
            throw FileChange.Skip("how \(module) builds \(shown) could not be read; a local new \(context.configuration.clientClass)() "
                                  + "might not be the same client; left as it is")
        }
        guard construction.obstacles.isEmpty else {
            let features = construction.features(context.configuration)
            let what = features.isEmpty ? "" : " with " + features.joined(separator: " and ")
            throw FileChange.Skip("the central client is built\(what) at \(module):\(construction.line), and \(construction.obstacles.joined(separator: "; ")): "
                                  + "it cannot be repeated here, and a local new \(context.configuration.clientClass)() would lose it; "
                                  + "left as it is (--force does not drop a client's configuration)")
        }
        return construction
    }

    /// Why a file must not create a client of its own: it is (or feeds) browser code.
    private func browserBoundary(_ file: ParsedFile, central: CentralImport) -> String? {
        if Self.startsWithUseClient(file) { return "the file is marked 'use client'" }
        let module = central.statement.module
        let throughServerModule = Self.isServerOnly(module) || context.centralModulePath.map(Self.isServerOnly) == true
        if throughServerModule, !Self.isServerOnly(file.path) {
            return "the file gets its client through the server-only module '\(module)' (Remix/React Router) and may itself be bundled for the browser"
        }
        return nil
    }

    /// `db.server.ts`, `app/.server/db.ts`: modules Remix and React Router keep out of browser bundles.
    static func isServerOnly(_ path: String) -> Bool {
        let components = path.split(separator: "/")
        if components.dropLast().contains(where: { $0 == ".server" || $0.hasSuffix(".server") }) { return true }
        let name = components.last.map(String.init) ?? path
        return name.hasSuffix(".server") || name.contains(".server.")
    }

    /// A `'use client'` directive before any other statement.
    static func startsWithUseClient(_ file: ParsedFile) -> Bool {
        guard let first = file.root.namedChildren.first(where: { !["comment", "hash_bang_line"].contains($0.kind) }),
              first.kind == "expression_statement", let string = first.namedChildren.first, string.kind == "string" else { return false }
        let text = file.text(string)
        return text == "'use client'" || text == "\"use client\""
    }

    /// Edits that import the client class in place of the client, and the import statements
    /// the declaration must follow.
    private typealias ImportEdits = (edits: [Edit], anchors: [ImportStatement])

    private func plainImports(_ prisma: PrismaFile, central: CentralImport) -> ImportEdits {
        let file = prisma.file
        let configuration = context.configuration
        let editor = file.importEditor
        let statement = central.statement
        let classImport = prisma.clientPackageImports.first { statement in
            !statement.isTypeOnly && statement.named.contains { $0.name == configuration.clientClass && !$0.isType }
        }
        let valueImport = prisma.clientPackageImports.first { $0.acceptsValueSpecifiers && $0.braces != nil }
        let newImport = editor.statementText(named: [configuration.clientClass], from: configuration.clientPackage)
        if let classImport {
            return ([removeClient(central, editor: editor)], [classImport])
        }
        if let valueImport {
            return ([editor.addSpecifier(configuration.clientClass, to: valueImport, first: false), removeClient(central, editor: editor)], [valueImport])
        }
        if Self.isEmptied(central) {
            return ([Edit(range: statement.range, replacement: newImport)], [statement])
        }
        return ([editor.insertLine(newImport, before: statement), removeClient(central, editor: editor)], [statement])
    }

    /// The imports the central module's construction needs, each from its module as seen
    /// from this file: reused when the file imports the name already, merged into a value
    /// import of the module, else written in place of the emptied import of the client or
    /// before it. A name the file declares otherwise is a clash that leaves the file.
    private func faithfulImports(_ prisma: PrismaFile, central: CentralImport, construction: ClientConstruction) throws -> ImportEdits {
        let file = prisma.file
        let editor = file.importEditor
        var edits: [Edit] = []
        var anchors: [ImportStatement] = []
        var newStatements: [String] = []
        let declared = PrismaFile.declaredNames(in: file)
        if let shadowed = construction.globals.first(where: declared.contains) {
            throw FileChange.Skip("the central client is built as \(ClientConstruction.short(construction.expression)), which uses the global "
                                  + "\(shadowed), but this file declares a \(shadowed) of its own; left as it is")
        }
        for needed in construction.imports {
            let module = specifier(needed.module, from: file.path)
            let existing = file.imports.first { statement in
                !statement.isTypeOnly && sameModule(statement.module, module, in: file.path) && binds(statement, needed)
            }
            if let existing {
                anchors.append(existing)
                continue
            }
            let clash = file.imports.contains { statement in
                statement.defaultName == needed.localName || statement.namespaceName == needed.localName
                    || statement.named.contains { $0.localName == needed.localName }
            }
            if clash || declared.contains(needed.localName) || needed.localName == central.localName {
                throw FileChange.Skip("the central client is built as \(ClientConstruction.short(construction.expression)), which needs "
                                      + "\(needed.localName) from '\(module)', but this file already has a \(needed.localName) of its own; left as it is")
            }
            let specifierText = needed.name == needed.localName ? needed.name : "\(needed.name) as \(needed.localName)"
            if needed.name != "default", needed.name != "*",
               let target = file.imports.first(where: { $0.acceptsValueSpecifiers && $0.braces != nil && sameModule($0.module, module, in: file.path) }) {
                edits.append(editor.addSpecifier(specifierText, to: target, first: false))
                anchors.append(target)
                continue
            }
            let quote = file.style.quote.rawValue
            switch needed.name {
            case "default":
                newStatements.append("import \(needed.localName) from \(quote)\(module)\(quote)\(file.style.terminator)")
            case "*":
                newStatements.append("import * as \(needed.localName) from \(quote)\(module)\(quote)\(file.style.terminator)")
            default:
                newStatements.append(editor.statementText(named: [specifierText], from: module))
            }
        }
        let statement = central.statement
        if newStatements.isEmpty {
            edits.append(removeClient(central, editor: editor))
        } else if Self.isEmptied(central) {
            edits.append(Edit(range: statement.range, replacement: newStatements.joined(separator: file.style.lineEnding)))
            anchors.append(statement)
        } else {
            edits.append(editor.insertLine(newStatements.joined(separator: file.style.lineEnding), before: statement))
            edits.append(removeClient(central, editor: editor))
            anchors.append(statement)
        }
        return (edits, anchors)
    }

    /// A specifier of the central module as this file must write it: relative ones re-rooted
    /// at this file's folder, packages and aliases as they are.
    private func specifier(_ module: String, from filePath: String) -> String {
        guard module.hasPrefix("./") || module.hasPrefix("../"), let centralPath = context.centralModulePath else { return module }
        let folder = (centralPath as NSString).deletingLastPathComponent
        let target = ModuleResolver.normalize(folder.isEmpty ? module : folder + "/" + module)
        let from = (filePath as NSString).deletingLastPathComponent.split(separator: "/").map(String.init)
        let to = target.split(separator: "/").map(String.init)
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        let rest = to[common...].joined(separator: "/")
        let ups = from.count - common
        return ups == 0 ? "./" + rest : String(repeating: "../", count: ups) + rest
    }

    private func sameModule(_ written: String, _ module: String, in filePath: String) -> Bool {
        guard written != module else { return true }
        guard let left = context.resolver.resolve(written, from: filePath), let right = context.resolver.resolve(module, from: filePath) else { return false }
        return left == right
    }

    private func binds(_ statement: ImportStatement, _ needed: ClientConstruction.Import) -> Bool {
        switch needed.name {
        case "default": return statement.defaultName == needed.localName
        case "*": return statement.namespaceName == needed.localName
        default: return statement.named.contains { $0.name == needed.name && $0.localName == needed.localName && !$0.isType }
        }
    }

    /// Whether taking the client out leaves its import statement with nothing.
    private static func isEmptied(_ central: CentralImport) -> Bool {
        central.specifier == nil
            ? central.statement.named.isEmpty && central.statement.namespaceName == nil
            : central.statement.named.count == 1 && central.statement.defaultName == nil
    }

    /// The declaration goes after the imports, or, when a top-level statement before a later
    /// import already uses the client, after the imports before that statement: a `const`
    /// used before its declaration throws. The imports it needs must come before it.
    private func declarationEdit(_ declaration: String, for name: String, in file: ParsedFile, after anchors: [ImportStatement]) throws -> Edit {
        var precedingImport: Node?
        var firstUse: Node?
        for statement in file.root.namedChildren {
            if statement.kind == "import_statement" {
                precedingImport = statement
                continue
            }
            if ["comment", "hash_bang_line"].contains(statement.kind) { continue }
            if Self.mentions(name, in: statement, file: file) {
                firstUse = statement
                break
            }
        }
        let editor = file.importEditor
        let lines = file.lines
        let edit: Edit
        let offset: Int
        if let precedingImport, let imported = ImportStatement.all(in: file.root).first(where: { $0.range == precedingImport.byteRange }) {
            edit = editor.insertAfterImports([declaration], imports: [imported])
            offset = precedingImport.byteRange.upperBound
        } else if let firstUse {
            offset = lines.isFirstOnLine(firstUse.byteRange.lowerBound) ? lines.contentStart(of: firstUse.byteRange.lowerBound) : firstUse.byteRange.lowerBound
            edit = .insert(declaration + file.style.lineEnding, at: offset)
        } else {
            edit = editor.insertAfterImports([declaration], imports: [])
            offset = 0
        }
        if let firstUse, let late = anchors.first(where: { $0.range.upperBound > offset }) {
            let use = lines.lineNumber(of: firstUse.byteRange.lowerBound)
            throw FileChange.Skip("line \(use) uses \(name) before the import at line \(lines.lineNumber(of: late.range.lowerBound)) "
                                  + "that a local client needs; move that import up first")
        }
        return edit
    }

    /// Whether a statement names the client anywhere (also inside functions: conservative).
    private static func mentions(_ name: String, in statement: Node, file: ParsedFile) -> Bool {
        var walk = statement.preorder()
        while let node = walk.next() {
            if ["identifier", "shorthand_property_identifier"].contains(node.kind), file.text(node) == name { return true }
        }
        return false
    }

    private func removeClient(_ central: CentralImport, editor: ImportEditor) -> Edit {
        if let specifier = central.specifier {
            return editor.removeSpecifier(specifier, from: central.statement)
        }
        guard let defaultRange = central.statement.defaultRange, central.statement.braces != nil else {
            return editor.removeStatement(central.statement)
        }
        // `import prisma, { executeWithRetry } from` → `import { executeWithRetry } from`
        var end = defaultRange.upperBound
        let bytes = editor.lines.bytes
        while end < bytes.count, bytes[end] == UInt8(ascii: ",") || bytes[end] == UInt8(ascii: " ") { end += 1 }
        return .delete(defaultRange.lowerBound..<end)
    }
}

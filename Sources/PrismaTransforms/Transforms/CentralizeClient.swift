import CodemodCore
import SyntaxTree

/// `centralize-client`: files use the one shared client again.
///
/// Matches: a top-level `const <name> = new PrismaClient();` in a file other than
/// the central module.
///
/// Rewrites: the declaration line goes; the client is imported from the central
/// module as `{ prisma }` or `{ prisma as <name> }` (prepended to an existing value
/// import of that module, else in place of an `@prisma/client` import that only
/// held `PrismaClient`, else on a line after it or after the last import), in the
/// specifier style the file already uses. `PrismaClient` leaves the `@prisma/client`
/// import when nothing else uses it, and so do the other imports its construction
/// needed. A client built otherwise than the central one (options, `$extends`, the
/// class from another module) is left with the difference named, even with `--force`;
/// one created inside a function, or exported, is left unless `--force`.
/// Inverse: `localize-client`.
public struct CentralizeClient: PrismaTransform {
    public static let id = "centralize-client"
    public static let summary = "Replace local `new PrismaClient()` clients with the central client import."
    public static let inverse = LocalizeClient.id
    public static let granularity = Granularity.file

    public let context: PrismaContext
    public let options: TransformOptions

    public init(context: PrismaContext, options: TransformOptions) {
        self.context = context
        self.options = options
    }

    public func analyze(_ file: ParsedFile) throws -> FileChange? {
        if context.isCentralModule(file.path) || file.path.hasSuffix(".d.ts") { return nil }
        let prisma = PrismaFile(file: file, context: context)
        guard let first = prisma.instances.first else { return nil }
        let names = prisma.instances.map { $0.variable ?? context.importedClientName ?? "default" }
        let change = FileChange(file: file, key: FileChange.clientKey(names.joined(separator: ",")),
                                range: (first.declaration ?? first.expression).byteRange,
                                label: "new \(context.configuration.clientClass)() → import \(names.joined(separator: ", "))")
        do {
            return change.with(edits: try edits(prisma))
        } catch let skip as FileChange.Skip {
            return change.leaving(skip.reason)
        }
    }

    public func candidates(in change: FileChange?) -> [Candidate] { change.map { [$0.candidate] } ?? [] }

    public func edits(for selected: [Candidate], in change: FileChange?) throws -> Rewrite {
        change?.rewrite ?? Rewrite()
    }

    private func edits(_ prisma: PrismaFile) throws -> [Edit] {
        let file = prisma.file
        guard let centralKey = context.centralModuleKey else {
            throw FileChange.Skip("no central client module found; set client.centralModule or pass --central-module")
        }
        let configuration = context.configuration
        if context.importedClientName == nil, !context.clientExports.contains("default"), !context.clientFactoryExports.isEmpty {
            let factories = context.clientFactoryExports.sorted().joined(separator: ", ")
            throw FileChange.Skip("the central module gives its client only through a factory (\(factories)); import it by hand")
        }
        // The central module's named export, or its default export when it has no named one.
        let exportName = context.importedClientName ?? configuration.clientExport
        if !prisma.centralImports.isEmpty {
            throw FileChange.Skip("half-migrated: imports the central client and creates its own; resolve by hand")
        }

        // A client built otherwise than the central one stays, even with --force: options,
        // `$extends` or another class module are behaviour the shared client would not have.
        var reader = ConstructionReader(file: file, classNames: prisma.clientClassNames, scopes: prisma.scopes)
        reader.inlinesConstants = false
        let constructionKey = context.importedClientName == nil && context.clientExports.contains("default") ? "default" : exportName
        var locals: [ClientInstance] = []
        var constructions: [ClientConstruction] = []
        for original in prisma.instances {
            let instance = Self.extendedInstance(original)
            let line = file.lines.lineNumber(of: instance.expression.byteRange.lowerBound)
            if let local = reader.construction(ofInstance: original.expression, declaredIn: file.path) {
                // A revert takes back the very client its run wrote (a phase's bare client too).
                if !options.restoring, let difference = difference(local, line: line, exportName: constructionKey, in: file) {
                    throw FileChange.Skip("\(difference); left as it is (--force does not drop a client's configuration)")
                }
                constructions.append(local)
            }
            locals.append(instance)
        }

        // Plain top-level declarations are removed; anything else needs --force.
        var declarations: [(instance: ClientInstance, node: Node)] = []
        var replaced: [ClientInstance] = []
        for instance in locals {
            let line = file.lines.lineNumber(of: instance.expression.byteRange.lowerBound)
            let problem: String?
            if instance.variable == nil || instance.variable?.hasPrefix("this.") == true || !instance.isTopLevel {
                problem = "the client at line \(line) is created inside a function or class"
            } else if instance.isExported {
                problem = "the client at line \(line) is exported"
            } else if instance.declaration == nil {
                problem = "the client at line \(line) is declared together with other variables"
            } else {
                problem = nil
            }
            if let problem, !options.force {
                throw FileChange.Skip("\(problem); pass --force to centralize it anyway")
            }
            if problem == nil || (instance.declaration != nil && !instance.isExported), let node = instance.declaration {
                declarations.append((instance, node))
            } else {
                replaced.append(instance)
            }
        }

        let editor = file.importEditor
        var edits: [Edit] = []
        var specifiers: [String] = []
        for (instance, node) in declarations {
            edits.append(editor.removeLines(node.byteRange))
            let name = instance.variable ?? exportName
            specifiers.append(name == exportName ? name : "\(exportName) as \(name)")
        }
        // Forced: a client in a function, class or export becomes a reference to the shared one.
        let sharedName = replaced.isEmpty ? nil : uniqueName(exportName, in: file)
        if let sharedName {
            specifiers.append(sharedName == exportName ? sharedName : "\(exportName) as \(sharedName)")
            for instance in replaced {
                edits.append(Edit(range: instance.expression.byteRange, replacement: sharedName))
            }
        }

        // PrismaClient leaves the @prisma/client import unless the file still names it.
        let removedRanges = declarations.map(\.node.byteRange) + replaced.map(\.expression.byteRange)
        let stillUsesClass = usesName(prisma.clientClassNames, in: file, outside: removedRanges)
        var classImport: (statement: ImportStatement, specifier: ImportSpecifier)?
        for statement in prisma.clientPackageImports where !statement.isTypeOnly {
            if let specifier = statement.named.first(where: { prisma.clientClassNames.contains($0.localName) && !$0.isType }) {
                classImport = (statement, specifier)
            }
        }
        // So do the other imports the construction needed (`withAccelerate`, an adapter's class).
        let unused = unusedImports(of: constructions, in: file, outside: removedRanges, except: classImport?.statement)
        edits += unused.edits

        let style = context.resolver.style(of: file.imports.map(\.module), in: file.path)
        let module = context.resolver.specifier(for: centralKey, from: file.path, style: style)
        let centralValueImport = file.imports.first { statement in
            statement.acceptsValueSpecifiers && statement.braces != nil
                && context.isCentral(key: context.resolver.resolve(statement.module, from: file.path))
        }
        let defaultExport = context.importedClientName == nil && context.clientExports.contains("default") && specifiers.count == 1
        let newStatement = defaultExport
            ? "import \(declarations.first?.instance.variable ?? sharedName ?? exportName) from \(file.style.quote.rawValue)\(module)\(file.style.quote.rawValue)\(file.style.terminator)"
            : editor.statementText(named: specifiers, from: module)

        let classOnlyImport = classImport.map { $0.statement.named.count == 1 && $0.statement.defaultName == nil } ?? false
        var emptied = unused.firstRemovedStatement
        if let centralValueImport, !defaultExport {
            edits.append(editor.addSpecifier(specifiers.joined(separator: ", "), to: centralValueImport, first: true))
            if let classImport, !stillUsesClass { edits.append(editor.removeSpecifier(classImport.specifier, from: classImport.statement)) }
        } else if let classImport, !stillUsesClass, classOnlyImport {
            edits.append(Edit(range: classImport.statement.range, replacement: newStatement))
        } else if let first = emptied {
            if let classImport, !stillUsesClass { edits.append(editor.removeSpecifier(classImport.specifier, from: classImport.statement)) }
            edits.append(Edit(range: first.range, replacement: newStatement))
            emptied = nil
        } else if let classImport {
            if !stillUsesClass { edits.append(editor.removeSpecifier(classImport.specifier, from: classImport.statement)) }
            edits.append(editor.insertLine(newStatement, after: classImport.statement))
        } else {
            edits.append(editor.insertAfterImports([newStatement], imports: file.imports))
        }
        if let emptied { edits.append(editor.removeStatement(emptied)) }
        return edits
    }

    /// The instance seen as the whole `new PrismaClient().$extends(…)` chain: what a forced
    /// centralization replaces.
    static func extendedInstance(_ instance: ClientInstance) -> ClientInstance {
        var extended = instance
        extended.expression = ConstructionReader.extended(instance.expression)
        return extended
    }

    /// What sets a local client apart from the central one, as a sentence; nil when they are built alike.
    private func difference(_ local: ClientConstruction, line: Int, exportName: String, in file: ParsedFile) -> String? {
        let configuration = context.configuration
        let here = "the client at line \(line) is built as \(ClientConstruction.short(local.expression))"
        if !local.obstacles.isEmpty {
            return "\(here), and \(local.obstacles.joined(separator: "; ")): the central client cannot stand in for it"
        }
        guard let central = context.clientConstructions[exportName] else {
            return local.isPlain(configuration) ? nil : "\(here), and how the central module builds its client could not be read"
        }
        let module = context.centralModulePath ?? "the central module"
        let there = "the central one (\(module):\(central.line)) as \(ClientConstruction.short(central.expression))"
        var differences: [String] = []
        if let localClass = local.classImport, let centralClass = central.classImport {
            if localClass.name != centralClass.name || !sameModule(localClass.module, from: file.path, centralClass.module) {
                differences.append("\(configuration.clientClass) comes from '\(localClass.module)' here and '\(centralClass.module)' there")
            }
        } else if (local.classImport == nil) != (central.classImport == nil) {
            differences.append("the client class is declared in a different place")
        }
        if local.arguments.map(ClientConstruction.normalized) != central.arguments.map(ClientConstruction.normalized) {
            differences.append(local.arguments == nil ? "the central one has options" : "its options differ")
        }
        if local.extensions.map(ClientConstruction.normalized) != central.extensions.map(ClientConstruction.normalized) {
            differences.append(local.extensions.isEmpty ? "the central one is extended with $extends" : "its $extends calls differ")
        }
        let localOthers = local.imports.filter { $0.localName != local.className }
        let centralOthers = central.imports.filter { $0.localName != central.className }
        let sameOthers = localOthers.count == centralOthers.count && localOthers.allSatisfy { mine in
            centralOthers.contains { $0.localName == mine.localName && $0.name == mine.name && sameModule(mine.module, from: file.path, $0.module) }
        }
        if differences.isEmpty, !sameOthers { differences.append("the names it imports differ") }
        guard !differences.isEmpty else { return nil }
        return "\(here), \(there): \(differences.joined(separator: ", ")); replacing it would change the client"
    }

    /// Whether a specifier written in this file names the module a specifier of the central module names.
    private func sameModule(_ written: String, from path: String, _ centralSpecifier: String) -> Bool {
        let centralPath = context.centralModulePath ?? ""
        let mine = context.resolver.resolve(written, from: path)
        let theirs = context.resolver.resolve(centralSpecifier, from: centralPath)
        if mine == nil, theirs == nil { return written == centralSpecifier }
        return mine == theirs
    }

    /// Edits that drop the imports a removed construction needed and nothing else uses (the
    /// client class of `@prisma/client` is handled apart); a statement left empty goes whole.
    private func unusedImports(of constructions: [ClientConstruction], in file: ParsedFile, outside removed: [Range<Int>],
                               except classStatement: ImportStatement?) -> (edits: [Edit], firstRemovedStatement: ImportStatement?) {
        let editor = file.importEditor
        var dropped: [Int: (statement: ImportStatement, names: Set<String>)] = [:]
        for needed in constructions.flatMap(\.imports) {
            guard !usesName([needed.localName], in: file, outside: removed) else { continue }
            guard let statement = file.imports.first(where: { statement in
                !statement.isTypeOnly && (statement.defaultName == needed.localName || statement.namespaceName == needed.localName
                    || statement.named.contains { $0.localName == needed.localName && !$0.isType })
            }), statement != classStatement else { continue }
            dropped[statement.range.lowerBound, default: (statement, [])].names.insert(needed.localName)
        }
        var edits: [Edit] = []
        var whole: [ImportStatement] = []
        for (_, entry) in dropped.sorted(by: { $0.key < $1.key }) {
            let statement = entry.statement
            let bound = Set(statement.named.map(\.localName) + [statement.defaultName, statement.namespaceName].compactMap { $0 })
            if bound.isSubset(of: entry.names) {
                whole.append(statement)
                continue
            }
            for specifier in statement.named where entry.names.contains(specifier.localName) {
                edits.append(editor.removeSpecifier(specifier, from: statement))
            }
        }
        // The first emptied statement may take the central import's place; the others go.
        edits += whole.dropFirst().map(editor.removeStatement)
        guard let first = whole.first else { return (edits, nil) }
        return (edits, first)
    }

    /// True when any of the names appears in code outside imports and the given ranges.
    private func usesName(_ names: Set<String>, in file: ParsedFile, outside ranges: [Range<Int>]) -> Bool {
        var walk = file.root.preorder()
        while let node = walk.next() {
            if node.kind == "import_statement" || ranges.contains(where: { $0.contains(node.byteRange.lowerBound) && $0.overlaps(node.byteRange) }) {
                walk.skipChildren()
                continue
            }
            if ["identifier", "type_identifier"].contains(node.kind), names.contains(file.text(node)) { return true }
        }
        return false
    }

    /// `base`, or `base` with a suffix when the file already declares that name.
    private func uniqueName(_ base: String, in file: ParsedFile) -> String {
        let declared = PrismaFile.declaredNames(in: file)
        if !declared.contains(base) { return base }
        var candidate = "shared" + base.prefix(1).uppercased() + base.dropFirst()
        while declared.contains(candidate) { candidate += "_" }
        return candidate
    }
}

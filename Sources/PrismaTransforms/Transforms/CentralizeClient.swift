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
/// import when nothing else uses it. A client created with options, inside a
/// function, or exported is reported and left unless `--force`.
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
            let (edits, notes) = try edits(prisma)
            return change.with(edits: edits, notes: notes)
        } catch let skip as FileChange.Skip {
            return change.leaving(skip.reason)
        }
    }

    public func candidates(in change: FileChange?) -> [Candidate] { change.map { [$0.candidate] } ?? [] }

    public func edits(for selected: [Candidate], in change: FileChange?) throws -> Rewrite {
        change?.rewrite ?? Rewrite()
    }

    private func edits(_ prisma: PrismaFile) throws -> (edits: [Edit], notes: [Note]) {
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

        // Plain top-level declarations are removed; anything else needs --force.
        var declarations: [(instance: ClientInstance, node: Node)] = []
        var replaced: [ClientInstance] = []
        for instance in prisma.instances {
            let line = file.lines.lineNumber(of: instance.expression.byteRange.lowerBound)
            let problem: String?
            if instance.variable == nil || instance.variable?.hasPrefix("this.") == true || !instance.isTopLevel {
                problem = "the client at line \(line) is created inside a function or class"
            } else if instance.isExported {
                problem = "the client at line \(line) is exported"
            } else if instance.hasOptions {
                problem = "the client at line \(line) is created with options, which the central client may not share"
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
        var notes: [Note] = []
        var specifiers: [String] = []
        for (instance, node) in declarations {
            edits.append(editor.removeLines(node.byteRange))
            let name = instance.variable ?? exportName
            specifiers.append(name == exportName ? name : "\(exportName) as \(name)")
            if instance.hasOptions {
                notes.append(Note(position: file.position(instance.expression.byteRange.lowerBound),
                                  message: "the options of this client were dropped (--force)"))
            }
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
        if let centralValueImport, !defaultExport {
            edits.append(editor.addSpecifier(specifiers.joined(separator: ", "), to: centralValueImport, first: true))
            if let classImport, !stillUsesClass { edits.append(editor.removeSpecifier(classImport.specifier, from: classImport.statement)) }
        } else if let classImport, !stillUsesClass, classOnlyImport {
            edits.append(Edit(range: classImport.statement.range, replacement: newStatement))
        } else if let classImport {
            if !stillUsesClass { edits.append(editor.removeSpecifier(classImport.specifier, from: classImport.statement)) }
            edits.append(editor.insertLine(newStatement, after: classImport.statement))
        } else {
            edits.append(editor.insertAfterImports([newStatement], imports: file.imports))
        }
        return (edits, notes)
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

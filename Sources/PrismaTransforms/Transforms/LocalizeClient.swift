import CodemodCore

/// `localize-client`: each file gets its own client again.
///
/// Matches: a file importing the shared client from the central module
/// (`import { prisma } from '../utils/prisma'`, aliased, or as default import).
///
/// Rewrites: the client specifier goes (other specifiers such as the retry helper
/// stay), `PrismaClient` is imported from `@prisma/client` (merged into a value
/// import there, else in place of the emptied statement, else on a line of its own
/// before it), and `const <name> = new PrismaClient();` follows the last import.
/// The central module itself is left alone. Inverse: `centralize-client`.
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
            return change.with(edits: try edits(prisma, central: central))
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
        let editor = file.importEditor
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

        let typeOnlyClass = prisma.clientPackageImports.contains { statement in
            statement.named.contains { $0.name == configuration.clientClass && (statement.isTypeOnly || $0.isType) }
        }
        if typeOnlyClass {
            throw FileChange.Skip("\(configuration.clientClass) is imported as a type only; a value import beside it would declare it twice. "
                                  + "Make that import a value import first")
        }

        var edits: [Edit] = []
        let statement = central.statement
        let emptied = central.specifier == nil
            ? statement.named.isEmpty
            : statement.named.count == 1 && statement.defaultName == nil
        let classImported = prisma.clientPackageImports.contains { statement in
            !statement.isTypeOnly && statement.named.contains { $0.name == configuration.clientClass && !$0.isType }
        }
        let className = prisma.clientClassNames.sorted().first { $0 != configuration.clientClass } ?? configuration.clientClass
        let valueImport = prisma.clientPackageImports.first { $0.acceptsValueSpecifiers && $0.braces != nil }
        let newImport = editor.statementText(named: [configuration.clientClass], from: configuration.clientPackage)

        if classImported {
            edits.append(removeClient(central, editor: editor))
        } else if let valueImport {
            edits.append(editor.addSpecifier(configuration.clientClass, to: valueImport, first: false))
            edits.append(removeClient(central, editor: editor))
        } else if emptied {
            edits.append(Edit(range: statement.range, replacement: newImport))
        } else {
            edits.append(editor.insertLine(newImport, before: statement))
            edits.append(removeClient(central, editor: editor))
        }
        let declaration = "const \(central.localName) = new \(className)()\(file.style.terminator)"
        edits.append(editor.insertAfterImports([declaration], imports: file.imports))
        return edits
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

import CodemodCore
import PrismaRules
import SyntaxTree

/// What the retry transforms share: scope filters, the retry helper's import,
/// and re-indenting the lines of an expression without touching template text.
struct RetryScope {
    let options: TransformOptions
    let path: String

    /// `--only model.method` and `--at PATH:LINE` both hold, where given.
    func includes(_ call: PrismaCall, lines: [Int]) -> Bool {
        if !options.only.isEmpty {
            let name = "\(call.model ?? call.client).\(call.method)"
            guard options.only.contains(name) else { return false }
        }
        if !options.at.isEmpty {
            let here = options.at.filter { $0.path == path }.map(\.line)
            guard lines.contains(where: here.contains) else { return false }
        }
        return true
    }
}

extension RetryScope {
    /// Which `--at` lines and `--only` filters name a Prisma or retry call in this file,
    /// whatever its state, so a re-run finds them matched and a typo finds nothing.
    func matchedSelectors(in prisma: PrismaFile) -> [String] {
        let file = prisma.file
        var lines = Set(prisma.calls.map { file.point($0.codeStart).row + 1 })
        lines.formUnion(prisma.retryCalls.map { file.point($0.call.byteRange.lowerBound).row + 1 })
        let here = options.at.filter { $0.path == path && lines.contains($0.line) }.map { "at:\($0.line)" }
        let names = Set(prisma.calls.map { "\($0.model ?? $0.client).\($0.method)" })
        return here + options.only.filter(names.contains).map { "only:\($0)" }
    }
}

enum Reindent {
    /// Edits that shift every line after the first of `range` by `levels` units
    /// (negative: remove up to that much leading white space). Lines starting inside
    /// a template literal are left alone: their white space is part of a string.
    static func lines(of range: Range<Int>, in file: ParsedFile, templates: [Range<Int>], add prefix: String = "", remove count: Int = 0) -> [Edit] {
        var edits: [Edit] = []
        let first = file.lines.line(of: range.lowerBound)
        let last = file.lines.line(of: max(range.lowerBound, range.upperBound - 1))
        guard last > first else { return [] }
        for line in (first + 1)...last {
            let start = file.lines.lineStarts[line]
            if templates.contains(where: { $0.lowerBound < start && start < $0.upperBound }) { continue }
            let contentEnd = file.lines.lineContentEnd(of: start)
            if contentEnd == start { continue }  // blank lines stay blank
            if !prefix.isEmpty {
                edits.append(.insert(prefix, at: start))
            } else if count > 0 {
                var end = start
                while end < contentEnd, end - start < count, file.bytes[end] == UInt8(ascii: " ") || file.bytes[end] == UInt8(ascii: "\t") {
                    end += 1
                }
                if end > start { edits.append(.delete(start..<end)) }
            }
        }
        return edits
    }

    /// The file's template literals (the outermost ones), found once per file.
    static func templateRanges(in file: ParsedFile) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var walk = file.root.preorder()
        while let node = walk.next() {
            if node.kind == "template_string" {
                ranges.append(node.byteRange)
                walk.skipChildren()
            }
        }
        return ranges
    }

    /// Width of the leading white space of the line holding `offset`, in bytes.
    static func width(at offset: Int, in file: ParsedFile) -> Int {
        file.lines.indentation(of: offset).utf8.count
    }
}

enum RetryImports {
    /// The edit that imports the helper when the file lacks it: merged into a value
    /// import of the helper's module, else a new statement after the imports.
    static func ensureImported(_ helper: String, in prisma: PrismaFile) throws -> Edit? {
        let file = prisma.file
        let context = prisma.context
        // Bound already, by any import (even from another module) or a local declaration.
        if file.imports.contains(where: { $0.named.contains { $0.localName == helper } || $0.defaultName == helper }) { return nil }
        if declaresLocally(helper, in: file) || context.isCentralModule(file.path) { return nil }
        guard let moduleKey = context.retryModuleKey else {
            throw CodemodError.configuration("\(file.path): no module exporting \(helper) is known; set retry.module in prisma-codemod.yaml")
        }
        let editor = file.importEditor
        if let statement = file.imports.first(where: {
            guard $0.acceptsValueSpecifiers, $0.braces != nil else { return false }
            let key = context.resolver.resolve($0.module, from: file.path)
            return key == moduleKey || (moduleKey == context.centralModuleKey && context.isCentral(key: key))
        }) {
            return editor.addSpecifier(helper, to: statement, first: false)
        }
        let style = context.resolver.style(of: file.imports.map(\.module), in: file.path)
        let module = context.resolver.specifier(for: moduleKey, from: file.path, style: style)
        return editor.insertAfterImports([editor.statementText(named: [helper], from: module)], imports: file.imports)
    }

    /// Edits removing helper imports that nothing uses once `removedCalls` are gone.
    static func removeUnused(in prisma: PrismaFile, removedCalls: [RetryCall]) -> [Edit] {
        let file = prisma.file
        var edits: [Edit] = []
        for retryImport in prisma.retryImports where retryImport.isUsed {
            let name = retryImport.specifier.localName
            let remaining = prisma.retryCalls.filter { $0.helper == name }.count - removedCalls.filter { $0.helper == name }.count
            let otherUses = references(to: name, in: file) - prisma.retryCalls.filter { $0.helper == name }.count
            if remaining == 0, otherUses == 0 {
                edits.append(file.importEditor.removeSpecifier(retryImport.specifier, from: retryImport.statement))
            }
        }
        return edits
    }

    /// Identifier references to a name outside import statements.
    static func references(to name: String, in file: ParsedFile) -> Int {
        var count = 0
        var walk = file.root.preorder()
        while let node = walk.next() {
            if node.kind == "import_statement" { walk.skipChildren(); continue }
            if node.kind == "identifier" || node.kind == "shorthand_property_identifier", file.text(node) == name { count += 1 }
        }
        return count
    }

    static func declaresLocally(_ name: String, in file: ParsedFile) -> Bool {
        PrismaFile.declaredNames(in: file).contains(name)
    }
}

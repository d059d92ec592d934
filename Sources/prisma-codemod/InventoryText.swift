import PrismaTransforms

/// The inventory as a table for people.
enum InventoryText {
    static func render(_ report: InventoryReport) -> String {
        var out = "Prisma inventory of \(report.root)\n"
        out += "central client module: \(report.centralModule ?? "none found")\n\n"
        let header = ["file", "clients", "imports", "reads", "in retry", "writes", "in retry", "other", "tx"]
        var rows: [[String]] = []
        for file in report.files {
            let reads = file.calls.filter { $0.kind == .read }
            let writes = file.calls.filter { $0.kind == .write }
            rows.append([
                file.path, "\(file.instances.count)", "\(file.centralImports.count)",
                "\(reads.count)", "\(reads.filter { $0.retry != nil }.count)",
                "\(writes.count)", "\(writes.filter { $0.retry != nil }.count)",
                "\(file.calls.filter { $0.kind == .other }.count)", "\(file.calls.filter(\.transactionClient).count)",
            ])
        }
        let totals = report.totals
        rows.append([
            "total (\(report.files.count) files)", "\(totals.instances)", "\(totals.centralImports)",
            "\(totals.reads)", "\(totals.wrappedReads)", "\(totals.writes)", "\(totals.wrappedWrites)",
            "\(totals.other)", "\(totals.transactionClientCalls)",
        ])
        out += table(header: header, rows: rows)

        let wrappedReads = report.files.flatMap { file in
            file.calls.filter { $0.kind == .read && $0.retry != nil }.map { (file.path, $0) }
        }
        out += "\nreads wrapped in retry: \(wrappedReads.count)\n"
        for (path, call) in wrappedReads {
            let wrapper = call.wrapper.map { " at \($0.line):\($0.column)" } ?? ""
            out += "  \(path):\(call.position.line):\(call.position.column)  \(label(call))  in \(call.retry ?? "")\(wrapper)\n"
        }
        let unknown = report.files.flatMap { file in file.calls.compactMap { call in call.reason.map { (file.path, call, $0) } } }
        if !unknown.isEmpty {
            out += "\nraw queries neither read nor write: \(unknown.count)\n"
            for (path, call, reason) in unknown {
                out += "  \(path):\(call.position.line):\(call.position.column)  \(label(call))  \(reason)\n"
            }
        }
        let instances = report.files.flatMap { file in file.instances.map { (file.path, $0) } }
        out += "\nclient instances (new PrismaClient): \(instances.count)\n"
        for (path, instance) in instances {
            var traits: [String] = []
            if instance.hasOptions { traits.append("with options") }
            if !instance.topLevel { traits.append("not top-level") }
            if instance.exported { traits.append("exported") }
            let name = instance.variable.map { " \($0)" } ?? ""
            out += "  \(path):\(instance.position.line):\(instance.position.column)\(name)"
            out += traits.isEmpty ? "\n" : " (\(traits.joined(separator: ", ")))\n"
        }
        let providers = report.files.flatMap { file in file.providers.map { (file.path, $0) } }
        if !providers.isEmpty {
            out += "\nclient classes a container instantiates (one instance each in the budget): \(providers.count)\n"
            for (path, provider) in providers {
                out += "  \(path):\(provider.position.line):\(provider.position.column) \(provider.name) extends \(provider.extends)\n"
            }
        }
        let half = report.files.filter { !$0.halfMigrated.isEmpty }
        out += "\nhalf-migrated files: \(half.count)\n"
        for file in half { out += "  \(file.path): \(file.halfMigrated.joined(separator: "; "))\n" }
        let unanalysable = report.files.flatMap { file in file.unanalysable.map { (file.path, $0) } }
        // Always said, 0 too: what the counts above leave out.
        out += "\nPrisma-like code not analysable (not counted above, never rewritten or checked): \(unanalysable.count)\n"
        for (path, note) in unanalysable {
            out += "  \(path):\(note.position.line):\(note.position.column): \(note.message)\n"
        }
        out += "\nfiles that failed to parse (skipped): \(report.failed.count)\n"
        for failure in report.failed { out += "  \(failure.reason)\n" }

        out += "\nconnection budget: \(BudgetArguments.describe(report.budget))\n"
        if report.budget.exceeds { out += "warning: the worst case exceeds max_connections\n" }
        return out
    }

    static func label(_ call: InventoryReport.Call) -> String {
        [call.client, call.model, call.method].compactMap { $0 }.joined(separator: ".")
    }

    static func table(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}

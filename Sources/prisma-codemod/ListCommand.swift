import ArgumentParser
import PrismaTransforms

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the transforms.", discussion: HelpExamples.list)

    func run() throws {
        let width = TransformRegistry.all.map(\.id.count).max() ?? 0
        for entry in TransformRegistry.all {
            let padding = String(repeating: " ", count: width - entry.id.count)
            Output.out("\(entry.id)\(padding)  \(entry.summary)  (inverse: \(entry.inverse))\n")
        }
    }
}

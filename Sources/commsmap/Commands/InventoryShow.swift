import ArgumentParser
import InventoryKit

extension CommsMap {
    /// `commsmap inventory show ID`.
    struct InventoryShow: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a network or a tool with every property, its source and confidence.",
            discussion: """
                A tool is shown with every catalogued property, known or unknown, its \
                exercise evidence and the networks that use it. When a network and a tool \
                share the id, both are shown. An id that is neither exits with code 2.
                """)

        @OptionGroup var options: InventoryOptions

        @Option(help: "Output format.")
        var format: InventoryFormat = .text

        @Argument(help: ArgumentHelp("The id of a network or a tool.", valueName: "id"))
        var id: String

        func run() throws {
            let inventory = try options.loadValid()
            let network = inventory.network(id)
            let tool = inventory.tool(id)
            guard network != nil || tool != nil else {
                let ids = inventory.networks.map(\.id) + inventory.tools.map(\.id)
                throw CommandFailure(
                    message: "there is no network or tool with the id '\(id)' in \(options.inventory)",
                    hint: Suggestion.hint(for: id, among: ids.sorted())
                        ?? "`commsmap inventory list` shows every id",
                    code: Exit.couldNotRun
                ).report()
            }
            switch format {
            case .text:
                var parts: [String] = []
                if let network { parts.append(InventoryText.network(network)) }
                if let tool { parts.append(InventoryText.tool(tool, in: inventory)) }
                Terminal.output(parts.joined(separator: "\n"))
            case .json:
                var items: [JSONValue] = []
                if let network { items.append(InventoryJSON.network(network)) }
                if let tool { items.append(InventoryJSON.tool(tool, in: inventory)) }
                Terminal.output((items.count == 1 ? items[0] : .array(items)).serialized())
            }
        }
    }
}

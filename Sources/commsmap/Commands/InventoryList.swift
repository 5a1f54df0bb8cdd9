import ArgumentParser
import InventoryKit

extension CommsMap {
    /// `commsmap inventory list`.
    struct InventoryList: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List networks, tools and usages.",
            discussion: """
                JSON output has sorted keys and `schema: 1`. An inventory with errors is \
                not listed: its errors go to stderr and the exit code is 1.
                """)

        @OptionGroup var options: InventoryOptions

        @Option(help: "Output format.")
        var format: InventoryFormat = .text

        func run() throws {
            let inventory = try options.loadValid()
            switch format {
            case .text: Terminal.output(InventoryText.listing(inventory))
            case .json: Terminal.output(InventoryJSON.listing(inventory).serialized())
            }
        }
    }
}

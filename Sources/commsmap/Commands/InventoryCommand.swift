import ArgumentParser

extension CommsMap {
    /// `commsmap inventory …`: look at what the inventory holds.
    struct InventoryCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inventory",
            abstract: "List and show the networks, tools and usages of the inventory.",
            subcommands: [InventoryList.self, InventoryShow.self]
        )
    }
}

/// Output formats of the inventory commands.
enum InventoryFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

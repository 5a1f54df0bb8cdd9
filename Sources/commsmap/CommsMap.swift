import ArgumentParser

@main
struct CommsMap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commsmap",
        abstract: "Map and assess the secure-communication tools of EU cyber cooperation networks, and prove in exercises that encrypted, signed messages get through.",
        discussion: """
            Exit codes: 0 success; 1 a negative verdict (invalid inventory, policy not met \
            with --fail-under, bad signature, failed authentication, replay); 2 could not \
            run (missing file, bad key, wrong passphrase, I/O); 64 usage error.

            Examples:
              commsmap validate --inventory Inventory
              commsmap inventory list --format json
              commsmap keygen --team cert-eu -o cert-eu.key --card-out cert-eu.card.yaml
              commsmap encrypt -r age1... -a -o message.age message.txt
            """,
        version: "0.1.0",
        subcommands: mappingCommands + cryptoCommands + exerciseCommands
    )

    static func main() {
        HeapTuning.apply()
        main(nil)
    }
}

import ArgumentParser

extension CommsMap {
    /// `commsmap exercise …`: prove that signed, encrypted messages get through each channel.
    struct Exercise: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a communications exercise: rosters, signed and encrypted messages, receipts, reports.",
            discussion: """
                Control signs a roster of every team's card (roster). A team sends a message \
                signed with its key and encrypted to the recipients, itself and control (send), \
                and pastes the armored text into the channel under test. The recipient checks \
                and opens it, records it in its journal and writes a signed receipt (open), \
                which goes back to the sender and control over the same channel. Control counts \
                messages and receipts per channel (report) and writes the evidence the \
                inventory loads. Formats: docs/exercise-protocol.md.

                Exit codes: 0 success; 1 a check failed (not addressed to this team, \
                tampered, signer not on the roster, roster signature invalid, wrong exercise, \
                replayed, stale or future-dated, receipt that does not match, damaged \
                journal); 2 could not run (unreadable file, bad key, wrong passphrase, I/O); \
                64 usage error.

                Examples:
                  commsmap exercise roster --exercise blue-olex-2026 --cards cards/ --sign-with control.key -o roster.yaml
                  commsmap exercise send --roster roster.yaml --identity cert-eu.key --to cert-de --channel signal body.txt > msg.asc
                  commsmap exercise open --roster roster.yaml --identity cert-de.key msg.asc
                  commsmap exercise report --roster roster.yaml --identity control.key inbox/ --evidence-out Inventory/evidence/
                  commsmap exercise journal verify
                """,
            subcommands: [Roster.self, Send.self, Open.self, Report.self, Journal.self]
        )
    }
}

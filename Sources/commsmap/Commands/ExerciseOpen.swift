import ArgumentParser
import ExerciseKit
import Foundation

extension CommsMap.Exercise {
    /// `exercise open`: check and read a message, journal it, and write the signed receipt.
    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check and open an exercise message; print its body, journal it and write the signed receipt.",
            discussion: """
                Decrypts the message (armored text as pasted from mail or chat, or binary), \
                checks the roster against control's key (pinned in the journal on first use, \
                or --control-key), verifies the sender's signature against its card on the \
                roster, and checks that the message is addressed to this team, belongs to the \
                roster's exercise, is fresh, and was not opened before. Only then is the body \
                printed on stdout, the message recorded in the journal, and the receipt \
                written: signed by this team and encrypted to the sender and control, to be \
                sent back over the same channel.

                Exit codes: 0 opened; 1 a check failed (not addressed to this team, tampered, \
                signer not on the roster, roster signature invalid or control key changed, \
                wrong exercise, replayed, stale or future-dated, damaged journal); 2 could not \
                run (unreadable file, bad key, wrong passphrase, receipt file exists); 64 usage \
                error.

                Examples:
                  commsmap exercise open --roster roster.yaml --identity cert-de.key drill-1.asc
                  pbpaste | commsmap exercise open --roster roster.yaml --identity cert-de.key --receipt-out r.asc
                """)

        @Option(help: ArgumentHelp("The roster signed by control.", valueName: "ROSTER"))
        var roster: String

        @OptionGroup var identity: ExerciseIdentityOptions

        @Option(
            name: .customLong("control-key"),
            help: ArgumentHelp(
                "Control's minisign public key, card or key file; overrides and replaces the key pinned in the journal. (default: the pinned key, or on first use the roster's own)",
                valueName: "PUB"))
        var controlKey: String?

        @Option(
            name: .customLong("receipt-out"),
            help: ArgumentHelp(
                "Write the receipt here; an existing file is never overwritten. (default: receipt-<message-id>.asc)",
                valueName: "F"))
        var receiptOut: String?

        @Option(
            help: ArgumentHelp("The team journal. (default: commsmap-journal.jsonl)", valueName: "FILE"))
        var journal: String?

        @Option(
            name: .customLong("max-age"),
            help: ArgumentHelp("Refuse messages sent longer ago than this.", valueName: "DURATION"))
        var maxAge: String = "24h"

        @Option(
            name: .customLong("clock-skew"),
            help: ArgumentHelp(
                "Accept messages dated up to this far in the future.", valueName: "DURATION"))
        var clockSkew: String = "5m"

        @Flag(name: [.customShort("q"), .customLong("quiet")], help: "Do not say on stderr what was opened.")
        var quiet = false

        @OptionGroup var clock: ExerciseClockOptions

        @Argument(help: ArgumentHelp("The message. (default: stdin; - is stdin)", valueName: "MESSAGE_FILE"))
        var message: String?

        func validate() throws {
            _ = try ExerciseInput.span(maxAge, option: "--max-age")
            _ = try ExerciseInput.span(clockSkew, option: "--clock-skew")
            if receiptOut == "-" {
                throw ValidationError("stdout carries the message body; give --receipt-out a file name")
            }
            if ([message ?? "-", identity.identity, identity.passphraseFile].filter { $0 == "-" }).count > 1 {
                throw ValidationError(
                    "only one of MESSAGE_FILE, --identity and --passphrase-file can read standard input")
            }
        }

        func run() throws {
            let source = message ?? "-"
            do {
                try open(source)
            } catch {
                throw ExerciseFailure.report(error, file: source == "-" ? "standard input" : source)
            }
        }

        private func open(_ source: String) throws {
            let now = clock.time
            let input = try ExerciseInput.read(source)
            let rosterFile = try ExerciseInput.read(roster)
            let freshness = Freshness(
                maximumAge: try ExerciseInput.span(maxAge, option: "--max-age"),
                clockSkew: try ExerciseInput.span(clockSkew, option: "--clock-skew"))
            let reception = MessageReception(
                journal: JournalFile(path: journal ?? ExerciseInput.defaultJournal), identity: try identity.load(),
                controlKey: try controlKey.map(ExerciseInput.controlKey), freshness: freshness)
            let outcome = try reception.open(input, rosterFile: rosterFile, now: now) { receipt, sealed in
                let path = receiptOut ?? ReceiptWriter.defaultFileName(messageID: receipt.message)
                let file = try AtomicOutput(path: path, mode: 0o644, overwrite: false)
                try file.write(sealed.armored)
                try file.commit()
                return path
            }
            Terminal.output(Data(outcome.opened.message.body))
            guard !quiet else { return }
            let message = outcome.opened.message
            if outcome.pinnedControlKey {
                Terminal.write(
                    "commsmap: pinned control key \(outcome.roster.control.minisignPublicKey.base64) (\(outcome.roster.control.team)) in the journal\n"
                )
            }
            Terminal.write(
                "commsmap: verified message \(message.id) from \(message.from) over \(message.channel), sent \(message.sent), subject \"\(message.subject)\"\n"
                    + "commsmap: receipt written to \(outcome.receiptLocation); send it back to \(message.from) and control over \(message.channel)\n"
            )
        }
    }
}

import ArgumentParser
import ExerciseKit
import Foundation
import MinisignFormat

extension CommsMap.Exercise {
    /// `exercise send`: sign a message and encrypt it to its recipients, the sender and control.
    struct Send: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign and encrypt an exercise message, ASCII-armored, for pasting into a channel.",
            discussion: """
                The message signs the sender, the full recipient list, the exercise, a random \
                message id, the channel, the time, the subject and the body, and is encrypted \
                with age to every --to team, the sender and control. The armored text survives \
                mail and chat (re-indentation, CRLF, text around it).

                The roster is checked against control's key pinned in the journal (if there \
                is one), or --control-key; the journal is only read.

                Exit codes: 0 written; 1 the roster failed its check, or the time is outside \
                the exercise; 2 could not run (unreadable file, bad key, wrong passphrase, \
                identity not on the roster); 64 usage error (unknown team, bad channel id).

                Example:
                  commsmap exercise send --roster roster.yaml --identity cert-eu.key --to cert-de --to cert-fr \\
                    --channel signal --subject "Drill 1" body.txt > drill-1.asc
                """)

        @Option(help: ArgumentHelp("The roster signed by control.", valueName: "ROSTER"))
        var roster: String

        @OptionGroup var identity: ExerciseIdentityOptions

        @Option(
            help: ArgumentHelp(
                "A receiving team's id; repeat it, or separate ids with commas (--to cert-de,cert-fr).",
                valueName: "TEAM"))
        var to: [String] = []

        @Option(help: ArgumentHelp("The channel (inventory tool id) the message is sent over.", valueName: "TOOL"))
        var channel: String

        @Option(help: ArgumentHelp("A one-line subject. (default: empty)", valueName: "S"))
        var subject: String = ""

        @Option(
            name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("Write the armored message here. (default: stdout)", valueName: "FILE"))
        var output: String?

        @Option(
            name: .customLong("control-key"),
            help: ArgumentHelp(
                "Control's minisign public key, card or key file, to check the roster. (default: the key pinned in the journal, else the roster's own)",
                valueName: "PUB"))
        var controlKey: String?

        @Option(
            help: ArgumentHelp(
                "The team journal whose pinned control key checks the roster. (default: commsmap-journal.jsonl)",
                valueName: "FILE"))
        var journal: String?

        @OptionGroup var clock: ExerciseClockOptions

        @Argument(help: ArgumentHelp("The body. (default: stdin; - is stdin)", valueName: "BODY_FILE"))
        var body: String?

        func validate() throws {
            guard !to.isEmpty else { throw ValidationError("give at least one recipient with --to TEAM") }
            if ([body ?? "-", identity.identity, identity.passphraseFile].filter { $0 == "-" }).count > 1 {
                throw ValidationError("only one of BODY_FILE, --identity and --passphrase-file can read standard input")
            }
        }

        func run() throws {
            do {
                try send()
            } catch {
                throw ExerciseFailure.report(error)
            }
        }

        private func send() throws {
            let now = clock.time
            let output = try AtomicOutput(path: output)
            let signed = try CheckedRoster.load(roster, controlKey: controlKey, journal: journal)
            let sender = try identity.load()
            let text = try ExerciseInput.read(body ?? "-")
            let recipients = to.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            let (_, sealed) = try MessageSender.seal(
                body: text, subject: subject, to: recipients, channel: channel, roster: signed.roster,
                sender: sender, now: now)
            try output.write(sealed.armored)
            try output.commit()
        }
    }
}

/// A roster checked without writing to the journal (for `send`).
enum CheckedRoster {
    static func load(_ path: String, controlKey: String?, journal: String?) throws -> SignedRoster {
        let contents = try ExerciseInput.read(path)
        if let controlKey {
            return try SignedRoster(fileContents: contents, key: .explicit(try ExerciseInput.controlKey(controlKey)))
        }
        let file = JournalFile(path: journal ?? ExerciseInput.defaultJournal)
        if FileManager.default.fileExists(atPath: file.path), let pinned = try file.read().pinnedControlKey,
            let key = try? MinisignPublicKey(base64: pinned)
        {
            return try SignedRoster(fileContents: contents, key: .pinned(key))
        }
        return try SignedRoster(fileContents: contents, key: .firstUse)
    }
}

import AgeFormat
import ArgumentParser
import Foundation
import SodiumKit

extension CommsMap {
    /// `commsmap encrypt`: age v1 encryption, flags as in `age -e`.
    struct Encrypt: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Encrypt a file with age v1 to public keys or a passphrase.",
            discussion: """
                The output is a standard age file: `age -d` decrypts it. Input is read and \
                output written in 64 KiB chunks, so files of any size use the same memory.

                Examples:
                  commsmap encrypt -r age1ql3z7hjy54pw3… -o report.pdf.age report.pdf
                  commsmap encrypt -R team-recipients.txt -a message.txt > message.txt.age
                  commsmap encrypt -p -o backup.tar.age backup.tar
                """)

        @Option(
            name: [.customShort("r"), .customLong("recipient")],
            help: ArgumentHelp(
                "Encrypt to this public key (age1…). Repeatable; none by default.", valueName: "RECIPIENT"))
        var recipients: [String] = []

        @Option(
            name: [.customShort("R"), .customLong("recipients-file")],
            help: ArgumentHelp(
                "Encrypt to every public key in this file (age format: one per line, # comments), or to a commsmap team card; - is stdin. Repeatable; none by default.",
                valueName: "FILE"))
        var recipientFiles: [String] = []

        @Flag(
            name: [.customShort("p"), .customLong("passphrase")],
            help: "Encrypt with a passphrase instead of public keys, asked on the terminal (default: off).")
        var usePassphrase = false

        @Option(
            name: .customLong("passphrase-file"),
            help: ArgumentHelp(
                "With -p, read the passphrase from the first line of this file instead of the terminal.",
                valueName: "FILE"))
        var passphraseFile: String?

        @Flag(
            name: [.customShort("a"), .customLong("armor")],
            help: "Write ASCII armor (PEM text for mail or chat) instead of binary (default: binary).")
        var armor = false

        @Option(
            name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("Write the encrypted file here (default: stdout; - is stdout).", valueName: "OUT"))
        var output: String?

        @Argument(help: ArgumentHelp("The file to encrypt (default: stdin; - is stdin).", valueName: "IN"))
        var input: String?

        func validate() throws {
            if usePassphrase && !(recipients.isEmpty && recipientFiles.isEmpty) {
                throw ValidationError("-p cannot be combined with -r or -R: a passphrase must be the only recipient")
            }
            if !usePassphrase && recipients.isEmpty && recipientFiles.isEmpty {
                throw ValidationError("give at least one recipient with -r or -R, or -p for a passphrase")
            }
            if passphraseFile != nil && !usePassphrase {
                throw ValidationError("--passphrase-file is only used with -p")
            }
            let stdinUses = [input ?? "-"] + recipientFiles + [passphraseFile].compactMap { $0 }
            if stdinUses.filter({ $0 == "-" }).count > 1 {
                throw ValidationError("only one of IN, -R and --passphrase-file can read standard input")
            }
        }

        func run() throws {
            do {
                try encrypt()
            } catch {
                throw AgeFailure.report(error)
            }
        }

        private func encrypt() throws {
            let source = try FileByteSource(path: input)
            let recipients = try readRecipients()
            let toStdout = output == nil || output == "-"
            if toStdout && !armor && isatty(1) != 0 {
                throw CommandFailure(
                    message: "refusing to write binary ciphertext to a terminal",
                    hint: "use -a for ASCII armor, or -o to write a file", code: Exit.usage)
            }
            let encryptor = try AgeEncryptor(recipients: recipients, armored: armor)
            // Not durable: the ciphertext can be made again from the input, and waiting for
            // the disk would make encryption slower than age's, which does not fsync either
            // (BENCHMARKS.md, write.dd-fsync).
            let sink = try AtomicOutput(path: output, mode: 0o644, durable: false)
            do {
                try encryptor.encrypt(from: source, to: sink)
                try sink.commit()
            } catch {
                sink.discard()
                throw error
            }
        }

        private func readRecipients() throws -> [any AgeRecipient] {
            if usePassphrase {
                var passphrase =
                    try passphraseFile.map { try SecretFiles.passphrase(fromFile: $0) }
                    ?? SecretFiles.askPassphrase("Enter passphrase", confirm: true)
                defer { ConstantTime.wipe(&passphrase) }
                return [try ScryptRecipient(passphrase: try SecureBytes(copying: passphrase))]
            }
            var all: [any AgeRecipient] = []
            for text in recipients { all.append(try AgeKeySource.recipient(text)) }
            for path in recipientFiles { all += try AgeKeySource.recipients(fromFile: path) }
            return all
        }
    }
}

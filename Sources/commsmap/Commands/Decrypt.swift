import AgeFormat
import ArgumentParser
import Foundation
import SodiumKit

extension CommsMap {
    /// `commsmap decrypt`: age v1 decryption, flags as in `age -d`.
    struct Decrypt: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decrypt an age v1 file (binary or armored) with identities or a passphrase.",
            discussion: """
                Reads files from `age -e` and `commsmap encrypt`; armor is detected. A \
                passphrase-encrypted file asks for its passphrase (or reads \
                --passphrase-file). With -o the plaintext appears only once the whole file has \
                authenticated; to stdout each 64 KiB chunk is written as soon as it \
                authenticates, so a failure can leave a prefix on stdout (a warning says so).

                Exit codes: 0 decrypted; 1 the file failed a check (no identity matched, header \
                MAC, payload authentication, truncated, trailing data, malformed); 2 could not \
                run (unreadable file, bad key file, wrong passphrase for an identity file); 64 \
                usage.

                Examples:
                  commsmap decrypt -i key.txt -o report.pdf report.pdf.age
                  commsmap decrypt -i team.key.age message.txt.age
                  commsmap decrypt --passphrase-file pass.txt -o backup.tar backup.tar.age
                """)

        @Option(
            name: [.customShort("i"), .customLong("identity")],
            help: ArgumentHelp(
                "Decrypt with the secret keys in this file (age identity file or commsmap team identity, either possibly encrypted with a passphrase; - is stdin). Must not be readable by group or others. Repeatable; none by default.",
                valueName: "IDENTITY"))
        var identityFiles: [String] = []

        @Option(
            name: .customLong("passphrase-file"),
            help: ArgumentHelp(
                "Read the passphrase (for a passphrase-encrypted file or identity file) from the first line of this file instead of the terminal.",
                valueName: "FILE"))
        var passphraseFile: String?

        @Option(
            name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp(
                "Write the plaintext here, created 0600 and only once everything authenticated (default: stdout; - is stdout).",
                valueName: "OUT"))
        var output: String?

        @Argument(help: ArgumentHelp("The file to decrypt (default: stdin; - is stdin).", valueName: "IN"))
        var input: String?

        func validate() throws {
            let stdinUses = [input ?? "-"] + identityFiles + [passphraseFile].compactMap { $0 }
            if stdinUses.filter({ $0 == "-" }).count > 1 {
                throw ValidationError("only one of IN, -i and --passphrase-file can read standard input")
            }
        }

        func run() throws {
            let source: FileByteSource
            let identities: [any AgeIdentity]
            let decryptor: AgeDecryptor
            do {
                source = try FileByteSource(path: input)
                var fromFiles: [any AgeIdentity] = []
                for path in identityFiles {
                    fromFiles += try AgeKeySource.identities(fromFile: path) { path in
                        try passphrase(prompt: "Enter passphrase for identity file \(path)")
                    }
                }
                decryptor = try AgeDecryptor(source: source)
                identities = try chooseIdentities(for: decryptor.header, fromFiles: fromFiles)
            } catch {
                throw AgeFailure.report(error)
            }

            let toStdout = output == nil || output == "-"
            var counter: CountingSink?
            do {
                // Not durable, as in `encrypt`: the plaintext can be made again from the
                // ciphertext, and age does not wait for the disk either.
                let sink = try AtomicOutput(path: output, mode: 0o600, durable: false)
                do {
                    let counting = CountingSink(sink)
                    counter = counting
                    try decryptor.decrypt(identities: identities, to: counting)
                    try sink.commit()
                } catch {
                    sink.discard()
                    throw error
                }
            } catch {
                throw AgeFailure.report(error, releasedToStdout: toStdout ? counter?.count ?? 0 : 0)
            }
        }

        /// A passphrase-encrypted file takes only the passphrase; any other file needs `-i`.
        private func chooseIdentities(for header: AgeHeader, fromFiles: [any AgeIdentity]) throws -> [any AgeIdentity] {
            if header.isPassphraseEncrypted {
                guard identityFiles.isEmpty else {
                    throw CommandFailure(
                        message: "the file is passphrase-encrypted, but identities were given with -i",
                        hint: "leave out -i; the passphrase is asked for (or read with --passphrase-file)",
                        code: Exit.usage)
                }
                return [ScryptIdentity(passphrase: try passphrase(prompt: "Enter passphrase"))]
            }
            guard !fromFiles.isEmpty else {
                throw CommandFailure(
                    message: "the file is encrypted to public keys; give the matching identity file with -i",
                    hint: nil, code: Exit.usage)
            }
            return fromFiles
        }

        private func passphrase(prompt: String) throws -> SecureBytes {
            var bytes =
                try passphraseFile.map { try SecretFiles.passphrase(fromFile: $0) }
                ?? SecretFiles.askPassphrase(prompt)
            defer { ConstantTime.wipe(&bytes) }
            return try SecureBytes(copying: bytes)
        }
    }
}

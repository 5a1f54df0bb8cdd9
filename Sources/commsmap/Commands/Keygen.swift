import ArgumentParser
import ExerciseKit
import Foundation
import SodiumKit

extension CommsMap {
    /// `commsmap keygen`: a team identity (age X25519 + minisign Ed25519) and its card.
    struct Keygen: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a team identity (an age key and a minisign key) and its public card.",
            discussion: """
                The identity is one file holding both secret keys. By default it is encrypted \
                with a passphrase (asked twice on the terminal, or read with \
                --passphrase-file) as an armored age file, so `age -d -i FILE` opens it too; \
                --no-passphrase stores it in the clear, for automation. It is created 0600 and \
                an existing file is never overwritten.

                The card (YAML: team, name, network, age recipient, minisign public key, \
                fingerprint) is public: give it to the other teams and to exercise control. \
                Any key option of encrypt (-R), verify (-p), decrypt (-i) and sign (-s) takes \
                these files.

                Exit codes: 0 written; 2 could not write (file exists, unreadable passphrase \
                file, no terminal for the passphrase); 64 usage error (invalid team id, name or \
                network, conflicting options).

                Examples:
                  commsmap keygen -o cert-eu.key --name CERT-EU --network csirts-network > cert-eu.card.yaml
                  commsmap keygen --team cert-de -o team.key --card-out cert-de.card.yaml
                  commsmap keygen -o ci.key --no-passphrase --card-out ci.card.yaml
                """)

        @Option(
            help: ArgumentHelp(
                "The team id: lowercase letters, digits and '-'. (default: the base name of -o without its extension)",
                valueName: "ID"))
        var team: String?

        @Option(help: ArgumentHelp("The team's display name. (default: the team id)", valueName: "NAME"))
        var name: String?

        @Option(
            help: ArgumentHelp(
                "The inventory network the team belongs to, e.g. csirts-network. (default: none)", valueName: "ID"))
        var network: String?

        @Option(
            name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp(
                "Write the identity here, created 0600; an existing file is never overwritten. (default: stdout)",
                valueName: "FILE"))
        var output: String?

        @Option(
            name: .customLong("card-out"),
            help: ArgumentHelp(
                "Write the card here; an existing file is never overwritten. (default: stdout)", valueName: "FILE"))
        var cardOutput: String?

        @Option(
            name: .customLong("passphrase-file"),
            help: ArgumentHelp(
                "Read the passphrase from the first line of this file. (default: ask twice on the terminal)",
                valueName: "F"))
        var passphraseFile: String?

        @Flag(
            name: .customLong("no-passphrase"),
            help: "Store the identity unencrypted. (default: encrypted with a passphrase)")
        var noPassphrase = false

        private var identityToStdout: Bool { output == nil || output == "-" }
        private var cardToStdout: Bool { cardOutput == nil || cardOutput == "-" }

        func validate() throws {
            if passphraseFile != nil && noPassphrase {
                throw ValidationError("--passphrase-file and --no-passphrase cannot be used together")
            }
            if identityToStdout && cardToStdout {
                throw ValidationError(
                    "the identity and the card cannot both go to standard output; give -o FILE or --card-out FILE")
            }
            if let output, output == cardOutput {
                throw ValidationError("-o and --card-out name the same file")
            }
            _ = try teamID()
            if let network, !NetworkID.isValid(network) {
                throw ValidationError("\(TeamKeyError.invalidNetworkID(network))")
            }
            if let name {
                do {
                    _ = try TeamName.validated(name)
                } catch let error as TeamKeyError {
                    throw ValidationError("\(error)")
                }
            }
        }

        /// `--team`, or the base name of `-o` without its extension.
        private func teamID() throws -> TeamID {
            if let team {
                guard TeamID.isValid(team) else { throw ValidationError("\(TeamKeyError.invalidTeamID(team))") }
                return try TeamID(team)
            }
            guard let output, output != "-" else {
                throw ValidationError("give the team id with --team (it defaults to the base name of -o FILE)")
            }
            let base = URL(fileURLWithPath: output).deletingPathExtension().lastPathComponent
            guard TeamID.isValid(base) else {
                throw ValidationError(
                    "the team id \"\(base)\" taken from the name of \(output) is not valid (lowercase letters, digits and '-'); give it with --team"
                )
            }
            return try TeamID(base)
        }

        func run() throws {
            do {
                try generate()
            } catch let error as TeamKeyError {
                throw TeamKeyFailure.commandFailure(error, file: output ?? "standard output").report()
            } catch {
                throw AgeFailure.commandFailure(for: error).report()
            }
        }

        private func generate() throws {
            // An existing file is refused before a passphrase is asked for or a key made;
            // the outputs are opened only after the prompt, so Ctrl-C there leaves no
            // temporary file behind (`commit` refuses a file that appeared meanwhile).
            try AtomicOutput.refuseExisting(output)
            try AtomicOutput.refuseExisting(cardOutput)
            let passphrase = try readPassphrase()
            let identityFile = try AtomicOutput(path: output, mode: 0o600, overwrite: false)
            let cardFile = try AtomicOutput(path: cardOutput, mode: 0o644, overwrite: false)
            let identity = try TeamIdentity.generate(
                team: try teamID(), name: name, network: try network.map(NetworkID.init))
            let contents = try identity.fileContents(passphrase: passphrase)

            do {
                if !cardToStdout { try cardFile.write(Array(identity.card.fileContents.utf8)) }
                try contents.withUnsafeBytes { try identityFile.write($0) }
                try identityFile.commit()
                do {
                    if cardToStdout { try cardFile.write(Array(identity.card.fileContents.utf8)) }
                    try cardFile.commit()
                } catch {
                    // An identity without its card is useless to others; leave neither.
                    if let output, !identityToStdout { unlink(output) }
                    throw error
                }
            } catch {
                identityFile.discard()
                cardFile.discard()
                throw error
            }
        }

        private func readPassphrase() throws -> SecureBytes? {
            guard !noPassphrase else { return nil }
            var bytes =
                try passphraseFile.map { try SecretFiles.passphrase(fromFile: $0) }
                ?? SecretFiles.askPassphrase("Enter passphrase for the new team identity", confirm: true)
            defer { ConstantTime.wipe(&bytes) }
            return try SecureBytes(copying: bytes)
        }
    }
}

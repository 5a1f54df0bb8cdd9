import ArgumentParser
import Foundation
import MinisignFormat
import SodiumKit

extension CommsMap {
    /// `commsmap sign`: a minisign-compatible, prehashed signature of a file.
    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign a file; minisign -V verifies the signature.",
            discussion: """
                Writes a prehashed (ED) minisign signature: Ed25519 over the BLAKE2b-512 \
                digest of the file, plus a trusted comment signed with it. The file is read \
                once, in constant memory. The signature file appears only when complete.

                Exit codes: 0 signed; 2 could not sign (unreadable file, malformed or \
                group/world-readable secret key, wrong passphrase); 64 usage error.

                Examples:
                  commsmap sign -s minisign.key report.pdf
                  commsmap sign -s team.key -t "exercise 7" -x report.sig report.pdf
                  commsmap sign -s minisign.key --passphrase-file pass.txt report.pdf
                """)

        @Option(
            name: .customShort("s"),
            help: ArgumentHelp(
                "The secret key file: a minisign secret key or a commsmap team identity (mode 0600).",
                valueName: "seckey"))
        var secretKey: String

        @Option(
            name: .customShort("t"),
            help: ArgumentHelp(
                "The trusted (signed) comment. (default: timestamp:<now>\\tfile:<name>\\thashed)",
                valueName: "comment"))
        var trustedComment: String?

        @Option(
            name: .customShort("c"),
            help: ArgumentHelp(
                "The untrusted (unsigned) comment. (default: \(MinisignSignature.defaultUntrustedComment))",
                valueName: "comment"))
        var untrustedComment: String?

        @Option(
            name: .customShort("x"),
            help: ArgumentHelp("The signature file, or - for stdout. (default: <file>.minisig)", valueName: "sigfile"))
        var signatureFile: String?

        @Option(
            name: .customLong("passphrase-file"),
            help: ArgumentHelp(
                "Read the secret key's passphrase from the first line of this file. (default: ask on the terminal)",
                valueName: "file"))
        var passphraseFile: String?

        @Argument(help: ArgumentHelp("The file to sign, or - for stdin (then -x is required).", valueName: "file"))
        var file: String

        func validate() throws {
            if file == "-", signatureFile == nil {
                throw ValidationError("signing standard input needs -x <sigfile>")
            }
            if file == "-", secretKey == "-" || passphraseFile == "-" {
                throw ValidationError("only one of the file, the secret key and the passphrase can come from stdin")
            }
            if secretKey == "-", passphraseFile == "-" {
                throw ValidationError("the secret key and the passphrase cannot both come from stdin")
            }
        }

        func run() throws {
            let key: MinisignSigningKey
            do {
                key = try SignatureKeySource.signingKey(path: secretKey, passphrase: readPassphrase)
            } catch {
                throw MinisignFailure.report(error, file: secretKey)
            }

            let messagePath = file == "-" ? "/dev/stdin" : file
            let comment =
                trustedComment.flatMap { $0.isEmpty ? nil : $0 }
                ?? MinisignSignature.defaultTrustedComment(
                    timestamp: Int64(Date().timeIntervalSince1970), filePath: file)
            let progress = HashingProgress.forFile(messagePath, label: "signing \(file)")
            defer { progress?.finish() }
            let signature: MinisignSignature
            do {
                signature = try MinisignSigner(key: key).sign(
                    fileAt: messagePath, trustedComment: comment,
                    untrustedComment: untrustedComment ?? MinisignSignature.defaultUntrustedComment,
                    progress: progress.map { reporter in { reporter.update($0) } })
            } catch {
                throw MinisignFailure.report(error, file: file)
            }

            // The signature is complete before the output is opened, so a failure above
            // leaves no file behind, and an old signature file stays until the rename.
            do {
                let output = try AtomicOutput(path: signatureFile ?? file + ".minisig", mode: 0o644)
                try output.write(signature.fileContents)
                try output.commit()
            } catch {
                throw MinisignFailure.report(error)
            }
        }

        /// The passphrase, asked only when the key is encrypted.
        private func readPassphrase() throws -> SecureBytes {
            var bytes =
                try passphraseFile.map { try SecretFiles.passphrase(fromFile: $0) }
                ?? SecretFiles.askPassphrase("Passphrase for \(secretKey)")
            defer { ConstantTime.wipe(&bytes) }
            return try SecureBytes(copying: bytes)
        }
    }
}

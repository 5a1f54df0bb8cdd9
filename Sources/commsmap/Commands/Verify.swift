import ArgumentParser
import Foundation
import MinisignFormat

extension CommsMap {
    /// `commsmap verify`: checks a minisign signature (ours or minisign's).
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify a minisign signature of a file.",
            discussion: """
                Checks, in order, that the signature's key id is the public key's, that the \
                signature matches the file, and that the trusted comment is signed. Accepts \
                prehashed (ED) and legacy (Ed) signatures, like minisign -V. On success \
                prints, like minisign, "Signature and comment signature verified" and the \
                trusted comment on stdout.

                Exit codes: 0 good signature; 1 bad signature (key id mismatch, file modified, \
                trusted comment modified, legacy refused with -H); 2 could not check \
                (unreadable file, malformed key or signature); 64 usage error.

                Examples:
                  commsmap verify -p minisign.pub report.pdf
                  commsmap verify -P "$(tail -n 1 minisign.pub)" report.pdf
                """)

        @Option(
            name: .customShort("p"),
            help: ArgumentHelp(
                "The public key file: a minisign public key or a commsmap team card.", valueName: "pubkey_file"))
        var publicKeyFile: String?

        @Option(
            name: .customShort("P"),
            help: ArgumentHelp("The public key as a base64 string (minisign -P).", valueName: "pubkey"))
        var publicKey: String?

        @Option(
            name: .customShort("x"),
            help: ArgumentHelp("The signature file, or - for stdin. (default: <file>.minisig)", valueName: "sigfile"))
        var signatureFile: String?

        @Flag(name: .customShort("H"), help: "Refuse legacy (not prehashed) signatures. (default: accept them)")
        var prehashedOnly = false

        @Flag(name: .customShort("q"), help: "Print nothing on success. (default: print the trusted comment)")
        var quiet = false

        @Flag(name: .customShort("Q"), help: "Print only the trusted comment on success.")
        var trustedCommentOnly = false

        @Argument(help: ArgumentHelp("The signed file, or - for stdin.", valueName: "file"))
        var file: String

        func validate() throws {
            switch (publicKeyFile, publicKey) {
            case (nil, nil): throw ValidationError("a public key is required: -p <pubkey_file> or -P <pubkey>")
            case (.some, .some):
                throw ValidationError("give the public key either as a file (-p) or inline (-P), not both")
            default: break
            }
            if quiet, trustedCommentOnly { throw ValidationError("-q and -Q cannot be used together") }
            if file == "-", signatureFile == nil {
                throw ValidationError("verifying standard input needs -x <sigfile>")
            }
            let stdinUsers = [file, signatureFile, publicKeyFile].filter { $0 == "-" }
            if stdinUsers.count > 1 {
                throw ValidationError("only one of the file, the signature and the public key can come from stdin")
            }
        }

        func run() throws {
            let key: MinisignPublicKey
            do {
                if let publicKeyFile {
                    key = try SignatureKeySource.verificationKey(path: publicKeyFile)
                } else {
                    key = try SignatureKeySource.verificationKey(inline: publicKey ?? "")
                }
            } catch {
                throw MinisignFailure.report(error, file: publicKeyFile)
            }

            let signaturePath = signatureFile ?? file + ".minisig"
            let signature: MinisignSignature
            do {
                signature = try MinisignSignature(fileContents: [UInt8](SecretFiles.readPublic(signaturePath)))
            } catch {
                throw MinisignFailure.report(error, file: signaturePath)
            }

            let messagePath = file == "-" ? "/dev/stdin" : file
            let progress = HashingProgress.forFile(messagePath, label: "verifying \(file)")
            do {
                try MinisignVerifier(publicKey: key, allowsLegacy: !prehashedOnly).verify(
                    signature, fileAt: messagePath, progress: progress.map { reporter in { reporter.update($0) } })
            } catch {
                progress?.finish()
                throw MinisignFailure.report(error, file: file)
            }
            progress?.finish()

            if trustedCommentOnly {
                Terminal.output("\(signature.trustedCommentText)\n")
            } else if !quiet {
                Terminal.output(
                    "Signature and comment signature verified\nTrusted comment: \(signature.trustedCommentText)\n")
            }
        }
    }
}

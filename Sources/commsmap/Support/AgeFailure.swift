import AgeFormat
import ArgumentParser
import Foundation

/// How `encrypt` and `decrypt` report a failure: one message naming the check that failed,
/// an optional hint, and the exit code of DESIGN §8.
enum AgeFailure {
    /// Reports `error` on stderr and returns the exit code to throw.
    static func report(_ error: any Error, releasedToStdout: Int = 0) -> ExitCode {
        let failure = commandFailure(for: error)
        let code = failure.report()
        if releasedToStdout > 0 {
            Terminal.warning(
                "\(releasedToStdout) bytes of authenticated plaintext were already written to standard output before the failure; do not use them as a complete file"
            )
        }
        return code
    }

    static func commandFailure(for error: any Error) -> CommandFailure {
        switch error {
        case let failure as CommandFailure:
            return failure
        case let failure as SecretFiles.Failure:
            return CommandFailure(message: failure.description, hint: failure.hint, code: Exit.couldNotRun)
        case let failure as AtomicOutput.Failure:
            return CommandFailure(message: failure.description, hint: nil, code: Exit.couldNotRun)
        case let error as AgeError:
            return decryptionFailure(error)
        default:
            return CommandFailure(message: "\(error)", hint: nil, code: Exit.couldNotRun)
        }
    }

    /// AgeErrors that reach here come from reading or checking the encrypted file itself:
    /// a negative verdict (exit 1), except for local failures (exit 2).
    private static func decryptionFailure(_ error: AgeError) -> CommandFailure {
        switch error {
        case .crypto, .invalidKey, .invalidRecipients:
            return CommandFailure(message: "\(error)", hint: nil, code: Exit.couldNotRun)
        case .noIdentityMatched(let types) where types == ["scrypt"]:
            // DESIGN §8: a wrong passphrase is something the user can correct and run again
            // (exit 2), like a wrong passphrase for an identity file, not a verdict on the file.
            return CommandFailure(
                message: "decryption failed: \(error)",
                hint: "check the passphrase (if the file was modified, no passphrase will open it)",
                code: Exit.couldNotRun)
        case .noIdentityMatched(let types):
            return CommandFailure(message: "decryption failed: \(error)", hint: noMatchHint(types), code: Exit.negative)
        case .badHeader(let what) where what.hasPrefix("this is not an age file"):
            return CommandFailure(
                message: "decryption failed: \(error)",
                hint: "is this the encrypted file? binary and armored age files both work",
                code: Exit.negative)
        default:
            return CommandFailure(message: "decryption failed: \(error)", hint: nil, code: Exit.negative)
        }
    }

    private static func noMatchHint(_ types: [String]) -> String? {
        let unsupported = types.filter { ["mlkem768x25519", "p256tag", "mlkem768p256tag"].contains($0) }
        if let first = unsupported.first {
            return
                "the file is encrypted to \(first) recipients, which commsmap does not support (post-quantum and hardware keys need age 1.3 or later)"
        }
        return "was the file encrypted to the public key of one of the identities given with -i?"
    }
}

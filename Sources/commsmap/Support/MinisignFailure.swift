import ArgumentParser
import Foundation
import MinisignFormat

/// How `sign` and `verify` report what went wrong, and with which exit code.
enum MinisignFailure {
    /// Prints `error` (located in `file` when it is about a line of it) and returns the exit
    /// code: 1 for a verdict about the signature, 2 when the check could not be made.
    static func report(_ error: any Error, file: String? = nil) -> ExitCode {
        switch error {
        case let error as MinisignError:
            if let file, let line = error.line {
                Terminal.error("\(error.description) [\(error.code)]", location: "\(file):\(line)")
            } else if let file, isAboutFile(error) {
                Terminal.error("\(error.description) [\(error.code)]", location: file)
            } else {
                Terminal.error(error.description)
            }
            if let hint = hint(for: error) { Terminal.hint(hint) }
            return error.isNegativeVerdict ? Exit.negative : Exit.couldNotRun
        case let failure as CommandFailure:
            return failure.report()
        case let unrecognized as UnrecognizedKeyFile:
            let code = report(unrecognized.error, file: file)
            Terminal.hint(unrecognized.hint)
            return code
        case let error as SecretFiles.Failure:
            Terminal.error(error.description)
            if let hint = error.hint { Terminal.hint(hint) }
            return Exit.couldNotRun
        case let error as AtomicOutput.Failure:
            Terminal.error(error.description)
            return Exit.couldNotRun
        case let error as ExitCode:
            return error
        default:
            Terminal.error(String(describing: error))
            return Exit.couldNotRun
        }
    }

    /// Errors about the contents of the file being read, which name it.
    private static func isAboutFile(_ error: MinisignError) -> Bool {
        switch error {
        case .malformedPublicKey, .malformedSecretKey, .malformedSignature, .unsupportedAlgorithm,
            .corruptSecretKey:
            return true
        default:
            return false
        }
    }

    private static func hint(for error: MinisignError) -> String? {
        switch error {
        case .keyIDMismatch:
            return "the signature was made with another key; check that you have the signer's public key"
        case .legacyFileTooLarge:
            return "ask the signer for a prehashed signature (the default of minisign 0.10 and later)"
        case .keyDerivationFailed:
            return "the key asks for more memory than is available; try on a machine with more memory"
        default:
            return nil
        }
    }
}

import ExerciseKit
import Foundation

/// How problems with team identities and cards are reported: one message naming the file
/// (and line) with the stable code, a hint for the usual mistakes, and exit 2 (the key could
/// not be loaded, so nothing was checked).
enum TeamKeyFailure {
    static func commandFailure(_ error: TeamKeyError, file: String) -> CommandFailure {
        let location = error.line.map { "\(file):\($0)" } ?? file
        return CommandFailure(
            message: "\(location): \(error) [\(error.code)]", hint: hint(for: error, file: file), code: Exit.couldNotRun
        )
    }

    /// Runs `body`, turning a `TeamKeyError` into a `CommandFailure` about `file`.
    static func about<T>(_ file: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as TeamKeyError {
            throw commandFailure(error, file: file)
        }
    }

    /// Reads a secret key file with the 0600 check; a card given by mistake (cards are
    /// 0644) is named as such instead of being refused as a secret that others can read.
    static func readSecretKeyFile(_ path: String, option: String) throws -> Data {
        do {
            return try SecretFiles.readSecret(path)
        } catch SecretFiles.Failure.tooOpen(let file, let mode) {
            if let contents = try? SecretFiles.readPublic(path), TeamCard.looksLikeCard([UInt8](contents)) {
                throw cardGivenForSecret(path, option: option)
            }
            throw SecretFiles.Failure.tooOpen(file, mode)
        }
    }

    /// A card where the identity is needed.
    static func cardGivenForSecret(_ path: String, option: String) -> CommandFailure {
        CommandFailure(
            message: "\(path) is a team card, which holds only public keys; \(option) needs the team identity",
            hint: "give the identity file that commsmap keygen wrote with -o", code: Exit.couldNotRun)
    }

    private static func hint(for error: TeamKeyError, file: String) -> String? {
        switch error {
        case .fingerprintMismatch:
            return
                "get the card again from the team and compare its fingerprint with them, or take it from the roster signed by exercise control"
        case .inconsistentIdentity:
            return
                "the identity file was edited or damaged; restore it from a backup or make a new one with commsmap keygen"
        case .wrongPassphrase:
            return "the passphrase is the one given to commsmap keygen for \(file)"
        default:
            return nil
        }
    }
}

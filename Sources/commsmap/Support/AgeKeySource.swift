import AgeFormat
import ExerciseKit
import Foundation
import SodiumKit

/// Where `encrypt` and `decrypt` get their keys. Every `-r`, `-R` and `-i` goes through here,
/// so a new kind of key file plugs in by adding one reader to `identityReaders` or
/// `recipientReaders`; nothing else changes. `-i` takes age identity files and team
/// identities, `-R` age recipients files and team cards (DESIGN §6); each is recognised by
/// its content, and the public/secret mix-ups (a card to `-i`, an identity to `-R`) get
/// their own message.
enum AgeKeySource {
    /// A format of identity file (after any passphrase encryption has been removed).
    struct IdentityReader: Sendable {
        var name: String
        /// Whether `contents` is in this format.
        var recognizes: @Sendable ([UInt8]) -> Bool
        /// The identities in `contents`; `path` is for messages.
        var read: @Sendable (_ contents: [UInt8], _ path: String) throws -> [any AgeIdentity]
    }

    /// A format of recipients file.
    struct RecipientReader: Sendable {
        var name: String
        var recognizes: @Sendable ([UInt8]) -> Bool
        var read: @Sendable (_ contents: [UInt8], _ path: String) throws -> [any AgeRecipient]
    }

    /// Tried in order; the first that recognizes a file reads it. The last one also reads
    /// files nobody recognizes, so its errors explain what is wrong.
    static let identityReaders: [IdentityReader] = [
        IdentityReader(
            name: "commsmap team identity", recognizes: { TeamIdentity.isPlaintextIdentity($0) },
            read: { contents, path in
                [try TeamKeyFailure.about(path) { try TeamIdentity(plaintext: contents) }.ageIdentity]
            }),
        IdentityReader(
            name: "commsmap team card", recognizes: { TeamCard.looksLikeCard($0) },
            read: { _, path in throw TeamKeyFailure.cardGivenForSecret(path, option: "-i") }),
        IdentityReader(
            name: "age identity file", recognizes: { KeyFile.looksLikeIdentityFile($0) },
            read: { contents, path in try KeyFile.identities(in: contents, name: path) }),
    ]

    static let recipientReaders: [RecipientReader] = [
        RecipientReader(
            name: "commsmap team card", recognizes: { TeamCard.looksLikeCard($0) },
            read: { contents, path in
                [try TeamKeyFailure.about(path) { try TeamCard(fileContents: contents) }.ageRecipient]
            }),
        RecipientReader(
            name: "commsmap team identity",
            recognizes: { TeamIdentity.isPlaintextIdentity($0) || TeamIdentity.isEncrypted($0) },
            read: { _, path in
                throw CommandFailure(
                    message: "\(path) is a secret identity (or an encrypted file), not a recipients file",
                    hint: "encrypt to the team's card (commsmap keygen --card-out) or to its age1… recipient",
                    code: Exit.couldNotRun)
            }),
        RecipientReader(
            name: "age recipients file", recognizes: { KeyFile.looksLikeRecipientFile($0) },
            read: { contents, path in try KeyFile.recipients(in: contents, name: path) }),
    ]

    /// Said when no reader recognised a file, after the last reader's own error.
    static let recipientsHint = "-R takes age recipients files (one age1… key per line) and commsmap team cards"
    static let identitiesHint =
        "-i takes age identity files (AGE-SECRET-KEY-1…) and commsmap team identities, plain or encrypted with a passphrase"

    /// A recipient given on the command line (`-r`).
    static func recipient(_ text: String) throws -> any AgeRecipient {
        try keyFailure(text) { try AgeKeyParser.recipient(text) }
    }

    /// The recipients in a file (`-R`; `-` is stdin).
    static func recipients(fromFile path: String) throws -> [any AgeRecipient] {
        let contents = [UInt8](try SecretFiles.readPublic(path))
        guard let reader = recipientReaders.first(where: { $0.recognizes(contents) }) else {
            return try withHint(recipientsHint) {
                try keyFailure(path) { try recipientReaders[recipientReaders.count - 1].read(contents, path) }
            }
        }
        return try keyFailure(path) { try reader.read(contents, path) }
    }

    /// The identities in a file (`-i`; `-` is stdin). The file must not be readable by group
    /// or others. A passphrase-encrypted file is opened first; `passphrase` is asked only then.
    static func identities(fromFile path: String, passphrase: (String) throws -> SecureBytes) throws
        -> [any AgeIdentity]
    {
        var data = try TeamKeyFailure.readSecretKeyFile(path, option: "-i")
        var contents = [UInt8](data)
        data.withUnsafeMutableBytes { ConstantTime.wipe($0) }
        defer { ConstantTime.wipe(&contents) }
        if EncryptedIdentityFile.isEncrypted(contents) {
            let plaintext: SecureBytes
            do {
                plaintext = try EncryptedIdentityFile.decrypt(contents) { try passphrase(path) }
            } catch AgeError.noIdentityMatched {
                throw CommandFailure(
                    message: "wrong passphrase for the encrypted identity file \(path)", hint: nil,
                    code: Exit.couldNotRun)
            } catch let error as AgeError {
                throw CommandFailure(
                    message: "cannot open the encrypted identity file \(path): \(error)", hint: nil,
                    code: Exit.couldNotRun)
            }
            ConstantTime.wipe(&contents)
            contents = plaintext.withUnsafeBytes { Array($0) }
        }
        guard let reader = identityReaders.first(where: { $0.recognizes(contents) }) else {
            return try withHint(identitiesHint) {
                try keyFailure(path) { try identityReaders[identityReaders.count - 1].read(contents, path) }
            }
        }
        return try keyFailure(path) { try reader.read(contents, path) }
    }

    /// Adds `hint` to a failure that has none.
    private static func withHint<T>(_ hint: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var failure as CommandFailure where failure.hint == nil {
            failure.hint = hint
            throw failure
        }
    }

    /// Turns key errors into "could not run" (exit 2) with a message naming the source.
    private static func keyFailure<T>(_ source: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch AgeError.unsupportedRecipientType(let kind) {
            throw CommandFailure(
                message: "unsupported key type \(kind)",
                hint: "commsmap supports X25519 keys (age1…, AGE-SECRET-KEY-1…) and passphrases (-p)",
                code: Exit.couldNotRun)
        } catch let error as AgeError {
            throw CommandFailure(message: "\(error)", hint: nil, code: Exit.couldNotRun)
        }
    }
}

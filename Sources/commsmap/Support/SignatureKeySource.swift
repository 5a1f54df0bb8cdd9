import ExerciseKit
import Foundation
import MinisignFormat
import SodiumKit

/// Where `sign -s` and `verify -p/-P` get their keys.
///
/// `-s` takes minisign secret keys and team identities, `-p` minisign public keys and team
/// cards (DESIGN §6). Each format is a reader that recognises its files by content; adding
/// one is one more entry in `secretKeyReaders` or `publicKeyReaders`, and nothing else in the
/// commands changes. A file no reader recognises goes to the minisign reader, whose parser
/// says what is wrong with it, with a hint listing what the option takes.
enum SignatureKeySource {
    /// Turns the bytes of a secret key file into a key ready to sign.
    struct SecretKeyReader: Sendable {
        var name: String
        var recognizes: @Sendable ([UInt8]) -> Bool
        /// `passphrase` is called only if the key is encrypted; the path is for messages.
        var read:
            @Sendable (_ contents: [UInt8], _ path: String, _ passphrase: () throws -> SecureBytes) throws
                -> MinisignSigningKey
    }

    /// Turns the bytes of a public key file into a key that verifies.
    struct PublicKeyReader: Sendable {
        var name: String
        var recognizes: @Sendable ([UInt8]) -> Bool
        var read: @Sendable (_ contents: [UInt8], _ path: String) throws -> MinisignPublicKey
    }

    static let secretKeyReaders: [SecretKeyReader] = [.teamIdentity, .teamCard, .minisign]
    static let publicKeyReaders: [PublicKeyReader] = [.teamCard, .teamIdentity, .minisign]

    static let secretKeyHint = "-s takes minisign secret keys and commsmap team identities"
    static let publicKeyHint = "-p takes minisign public keys and commsmap team cards"

    /// Reads and opens the secret key at `path`, refusing a file others can read.
    static func signingKey(path: String, passphrase: () throws -> SecureBytes) throws -> MinisignSigningKey {
        var data = try TeamKeyFailure.readSecretKeyFile(path, option: "-s")
        var contents = [UInt8](data)
        defer {
            ConstantTime.wipe(&contents)
            data.resetBytes(in: 0..<data.count)
        }
        guard let reader = secretKeyReaders.first(where: { $0.recognizes(contents) }) else {
            return try withHint(secretKeyHint) { try SecretKeyReader.minisign.read(contents, path, passphrase) }
        }
        return try reader.read(contents, path, passphrase)
    }

    /// Reads the public key file at `path`.
    static func verificationKey(path: String) throws -> MinisignPublicKey {
        let contents = [UInt8](try SecretFiles.readPublic(path))
        guard let reader = publicKeyReaders.first(where: { $0.recognizes(contents) }) else {
            return try withHint(publicKeyHint) { try PublicKeyReader.minisign.read(contents, path) }
        }
        return try reader.read(contents, path)
    }

    /// Parses a public key given on the command line (`-P`).
    static func verificationKey(inline text: String) throws -> MinisignPublicKey {
        try MinisignPublicKey(base64: text)
    }

    /// Attaches `hint` to a minisign parser error, for files no reader recognised.
    private static func withHint<T>(_ hint: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as MinisignError {
            throw UnrecognizedKeyFile(error: error, hint: hint)
        }
    }
}

/// A key file no reader recognised: the minisign parser's error, plus what the option takes.
struct UnrecognizedKeyFile: Error, CustomStringConvertible {
    var error: MinisignError
    var hint: String
    var description: String { error.description }
}

extension SignatureKeySource.SecretKeyReader {
    /// minisign secret key files (`minisign -G`), encrypted or not.
    static let minisign = Self(
        name: "minisign secret key",
        recognizes: { $0.starts(with: Array("untrusted comment:".utf8)) },
        read: { contents, _, passphrase in
            try MinisignSecretKey(fileContents: contents).open(passphrase: passphrase)
        })

    /// Team identities (`commsmap keygen`), plain or passphrase-encrypted. Any age file is
    /// taken for one: nothing else given to `-s` is an age file.
    static let teamIdentity = Self(
        name: "commsmap team identity",
        recognizes: { TeamIdentity.isPlaintextIdentity($0) || TeamIdentity.isEncrypted($0) },
        read: { contents, path, passphrase in
            try TeamKeyFailure.about(path) { try TeamIdentity.load(fileContents: contents, passphrase: passphrase) }
                .signingKey
        })

    /// A card given where the identity is needed.
    static let teamCard = Self(
        name: "commsmap team card",
        recognizes: { TeamCard.looksLikeCard($0) },
        read: { _, path, _ in throw TeamKeyFailure.cardGivenForSecret(path, option: "-s") })
}

extension SignatureKeySource.PublicKeyReader {
    /// minisign public key files (`minisign.pub`).
    static let minisign = Self(
        name: "minisign public key",
        recognizes: { $0.starts(with: Array("untrusted comment:".utf8)) },
        read: { contents, _ in try MinisignPublicKey(fileContents: contents) })

    /// Team cards (`commsmap keygen --card-out`); the fingerprint is checked.
    static let teamCard = Self(
        name: "commsmap team card",
        recognizes: { TeamCard.looksLikeCard($0) },
        read: { contents, path in
            try TeamKeyFailure.about(path) { try TeamCard(fileContents: contents) }.minisignPublicKey
        })

    /// A secret identity given where the public card is wanted.
    static let teamIdentity = Self(
        name: "commsmap team identity",
        recognizes: { TeamIdentity.isPlaintextIdentity($0) || TeamIdentity.isEncrypted($0) },
        read: { _, path in
            throw CommandFailure(
                message: "\(path) is a secret team identity (or an encrypted file), not a public key",
                hint: "verify with the team's card (commsmap keygen --card-out)", code: Exit.couldNotRun)
        })
}

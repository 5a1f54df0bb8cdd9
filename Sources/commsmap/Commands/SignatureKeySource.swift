import Foundation
import MinisignFormat
import SodiumKit

/// Where `sign -s` and `verify -p/-P` get their keys.
///
/// DESIGN §6 has `-s` also take team identities and `-p` team cards. Each format is a reader
/// that recognises its files by content; adding one is one more entry in `secretKeyReaders`
/// or `publicKeyReaders`, and nothing else in the commands changes. A file no reader
/// recognises goes to the minisign reader, whose parser says what is wrong with it.
enum SignatureKeySource {
    /// Turns the bytes of a secret key file into a key ready to sign.
    struct SecretKeyReader: Sendable {
        var name: String
        var recognizes: @Sendable ([UInt8]) -> Bool
        /// `passphrase` is called only if the key is encrypted.
        var read: @Sendable ([UInt8], () throws -> SecureBytes) throws -> MinisignSigningKey
    }

    /// Turns the bytes of a public key file into a key that verifies.
    struct PublicKeyReader: Sendable {
        var name: String
        var recognizes: @Sendable ([UInt8]) -> Bool
        var read: @Sendable ([UInt8]) throws -> MinisignPublicKey
    }

    static let secretKeyReaders: [SecretKeyReader] = [.minisign]
    static let publicKeyReaders: [PublicKeyReader] = [.minisign]

    /// Reads and opens the secret key at `path`, refusing a file others can read.
    static func signingKey(path: String, passphrase: () throws -> SecureBytes) throws -> MinisignSigningKey {
        var data = try SecretFiles.readSecret(path)
        var contents = [UInt8](data)
        defer {
            ConstantTime.wipe(&contents)
            data.resetBytes(in: 0..<data.count)
        }
        let reader = secretKeyReaders.first { $0.recognizes(contents) } ?? .minisign
        return try reader.read(contents, passphrase)
    }

    /// Reads the public key file at `path`.
    static func verificationKey(path: String) throws -> MinisignPublicKey {
        let contents = [UInt8](try SecretFiles.readPublic(path))
        let reader = publicKeyReaders.first { $0.recognizes(contents) } ?? .minisign
        return try reader.read(contents)
    }

    /// Parses a public key given on the command line (`-P`).
    static func verificationKey(inline text: String) throws -> MinisignPublicKey {
        try MinisignPublicKey(base64: text)
    }
}

extension SignatureKeySource.SecretKeyReader {
    /// minisign secret key files (`minisign -G`), encrypted or not.
    static let minisign = Self(
        name: "minisign secret key",
        recognizes: { $0.starts(with: Array("untrusted comment:".utf8)) },
        read: { contents, passphrase in
            try MinisignSecretKey(fileContents: contents).open(passphrase: passphrase)
        })
}

extension SignatureKeySource.PublicKeyReader {
    /// minisign public key files (`minisign.pub`).
    static let minisign = Self(
        name: "minisign public key",
        recognizes: { $0.starts(with: Array("untrusted comment:".utf8)) },
        read: { try MinisignPublicKey(fileContents: $0) })
}

import SodiumKit

/// A key ready to sign: the key id and the Ed25519 key pair, the secret half in secure memory.
///
/// This is what every key source produces: a minisign secret key once opened, or (later) the
/// signing half of a team identity. The signer needs nothing else.
public struct MinisignSigningKey: Sendable {
    public let keyID: MinisignKeyID
    public let keyPair: Ed25519.KeyPair

    public init(keyID: MinisignKeyID, keyPair: Ed25519.KeyPair) {
        self.keyID = keyID
        self.keyPair = keyPair
    }

    /// A fresh key pair with a random key id (or `keyID`, for tests that need a collision).
    public static func generate(keyID: MinisignKeyID = .random()) throws -> MinisignSigningKey {
        do {
            return MinisignSigningKey(keyID: keyID, keyPair: try Ed25519.KeyPair.generate())
        } catch let error as SodiumError {
            throw MinisignError.sodium(error)
        }
    }

    /// The public key that verifies this key's signatures.
    public var publicKey: MinisignPublicKey {
        MinisignPublicKey(keyID: keyID, validatedKey: keyPair.publicKey)
    }
}

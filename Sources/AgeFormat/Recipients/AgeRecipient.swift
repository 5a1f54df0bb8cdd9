import SodiumKit

/// Something a file can be encrypted to: it wraps the file key into header stanzas.
///
/// New kinds of recipient (a team card's key, for instance) conform to this protocol; the
/// encryptor needs nothing else from them.
public protocol AgeRecipient {
    /// Wraps the 16-byte file key into one or more stanzas.
    func wrap(fileKey: SecureBytes) throws -> [AgeStanza]
}

/// Something that can open a file: it unwraps the file key from a stanza addressed to it.
public protocol AgeIdentity {
    /// Returns the file key if one of `stanzas` is addressed to this identity and nil if none
    /// is. Stanzas of other types are ignored; a malformed stanza of this identity's own type
    /// throws `AgeError.badHeader`, because no valid file contains one.
    func unwrap(_ stanzas: [AgeStanza]) throws -> SecureBytes?
}

/// The pieces both built-in stanza types share.
enum StanzaCrypto {
    static let fileKeyByteCount = 16
    /// A wrapped file key: 16 bytes and a 16-byte tag.
    static let wrappedFileKeyByteCount = 32
    static let zeroNonce = [UInt8](repeating: 0, count: ChaChaPoly.nonceByteCount)

    static func seal(fileKey: SecureBytes, with key: SecureBytes) throws -> [UInt8] {
        try AgeError.sodium { try ChaChaPoly.seal(fileKey, key: key, nonce: zeroNonce) }
    }

    /// The file key, or nil when the tag does not verify (this stanza is for someone else).
    static func open(_ body: [UInt8], with key: SecureBytes) throws -> SecureBytes? {
        do {
            return try ChaChaPoly.open(body, key: key, nonce: zeroNonce)
        } catch SodiumError.authenticationFailed {
            return nil
        } catch let error as SodiumError {
            throw AgeError.crypto(error)
        }
    }

    /// Decodes a stanza argument that must be canonical unpadded base64 of `count` bytes.
    static func decode(_ argument: String, count: Int, what: String, in type: String) throws -> [UInt8] {
        guard let bytes = try? Base64.decode(argument, variant: .unpadded), bytes.count == count else {
            throw AgeError.badHeader("the \(what) of an \(type) stanza is not canonical base64 of \(count) bytes")
        }
        return bytes
    }
}

import SodiumKit

/// An X25519 public key, written `age1…` (Bech32, lowercase).
public struct X25519Recipient: AgeRecipient, Sendable, Hashable, CustomStringConvertible {
    static let stanzaType = "X25519"
    static let humanReadablePart = "age"
    static let label = Array("age-encryption.org/v1/X25519".utf8)

    /// The 32-byte Curve25519 point.
    public let publicKey: [UInt8]

    public init(publicKey: [UInt8]) throws {
        guard publicKey.count == X25519.keyByteCount else {
            throw AgeError.invalidKey("an X25519 public key must be 32 bytes, got \(publicKey.count)")
        }
        self.publicKey = publicKey
    }

    /// Parses an `age1…` recipient.
    public init(parsing text: String) throws {
        let decoded: (hrp: [UInt8], data: [UInt8])
        do {
            decoded = try Bech32.decode(Array(text.utf8))
        } catch {
            throw AgeError.invalidKey(
                "\(HeaderParser.quoted(text)) is not a valid age recipient (\(Bech32Describe.reason(error)))")
        }
        guard decoded.hrp == Array(Self.humanReadablePart.utf8) else {
            throw AgeError.invalidKey(
                "\(HeaderParser.quoted(text)) is not an X25519 age recipient (it must start with age1 and be lowercase)"
            )
        }
        try self.init(publicKey: decoded.data)
    }

    /// The `age1…` form.
    public var description: String { Bech32.encode(hrp: Self.humanReadablePart, data: publicKey) }

    public func wrap(fileKey: SecureBytes) throws -> [AgeStanza] {
        let ephemeral = try AgeError.sodium { try SecureBytes.random(count: X25519.keyByteCount) }
        let share = try AgeError.sodium { try X25519.publicKey(secret: ephemeral) }
        let shared: SecureBytes
        do {
            shared = try X25519.sharedSecret(secret: ephemeral, publicKey: publicKey)
        } catch SodiumError.weakSharedSecret {
            throw AgeError.invalidRecipients("\(self) is a low-order point; nothing can be encrypted to it")
        }
        let wrapKey = try AgeError.sodium {
            try HKDFSHA256.derive(ikm: shared, salt: share + publicKey, info: Self.label, length: 32)
        }
        let body = try StanzaCrypto.seal(fileKey: fileKey, with: wrapKey)
        return [AgeStanza(type: Self.stanzaType, arguments: [Base64.encode(share, variant: .unpadded)], body: body)]
    }
}

/// An X25519 secret key, written `AGE-SECRET-KEY-1…` (Bech32, uppercase).
public struct X25519Identity: AgeIdentity, Sendable {
    static let humanReadablePart = "AGE-SECRET-KEY-"

    private let secretKey: SecureBytes
    /// The matching public key.
    public let recipient: X25519Recipient

    /// A fresh random identity.
    public static func generate() throws -> X25519Identity {
        try X25519Identity(secretKey: try AgeError.sodium { try SecureBytes.random(count: X25519.keyByteCount) })
    }

    public init(secretKey: SecureBytes) throws {
        guard secretKey.count == X25519.keyByteCount else {
            throw AgeError.invalidKey("an X25519 secret key must be 32 bytes, got \(secretKey.count)")
        }
        self.secretKey = secretKey
        recipient = try X25519Recipient(publicKey: try AgeError.sodium { try X25519.publicKey(secret: secretKey) })
    }

    /// Parses an `AGE-SECRET-KEY-1…` identity given as bytes, so the secret need not pass
    /// through a `String` (whose copies cannot be wiped).
    public init(parsing text: [UInt8]) throws {
        var decoded: (hrp: [UInt8], data: [UInt8])
        do {
            decoded = try Bech32.decode(text)
        } catch {
            throw AgeError.invalidKey("not a valid age identity (\(Bech32Describe.reason(error)))")
        }
        defer { ConstantTime.wipe(&decoded.data) }
        guard decoded.hrp == Array(Self.humanReadablePart.utf8) else {
            throw AgeError.invalidKey(
                "not an X25519 age identity (it must start with AGE-SECRET-KEY-1 and be uppercase)")
        }
        try self.init(secretKey: try AgeError.sodium { try SecureBytes(copying: decoded.data) })
    }

    public init(parsing text: String) throws {
        try self.init(parsing: Array(text.utf8))
    }

    /// The `AGE-SECRET-KEY-1…` form, for writing a key file the user asked for.
    public func encoded() -> String {
        Bech32.encode(hrp: Self.humanReadablePart, data: secretKey.unsafeCopy)
    }

    public func unwrap(_ stanzas: [AgeStanza]) throws -> SecureBytes? {
        for stanza in stanzas where stanza.type == X25519Recipient.stanzaType {
            guard stanza.arguments.count == 1 else {
                throw AgeError.badHeader("an X25519 stanza must have exactly one argument, the ephemeral share")
            }
            let share = try StanzaCrypto.decode(stanza.arguments[0], count: 32, what: "share", in: "X25519")
            // Checked before any decryption so a wrong-length body cannot serve as an oracle.
            guard stanza.body.count == StanzaCrypto.wrappedFileKeyByteCount else {
                throw AgeError.badHeader(
                    "an X25519 stanza body must be 32 bytes (a 16-byte file key and its tag), got \(stanza.body.count)")
            }
            let shared: SecureBytes
            do {
                shared = try X25519.sharedSecret(secret: secretKey, publicKey: share)
            } catch SodiumError.weakSharedSecret {
                throw AgeError.badHeader("an X25519 stanza's share is a low-order point")
            }
            let wrapKey = try AgeError.sodium {
                try HKDFSHA256.derive(
                    ikm: shared, salt: share + recipient.publicKey, info: X25519Recipient.label, length: 32)
            }
            if let fileKey = try StanzaCrypto.open(stanza.body, with: wrapKey) { return fileKey }
        }
        return nil
    }
}

/// Bech32 failures in words.
enum Bech32Describe {
    static func reason(_ error: Bech32.Failure) -> String {
        switch error {
        case .mixedCase: return "it mixes upper and lower case"
        case .noSeparator: return "no Bech32 separator"
        case .invalidCharacter: return "invalid character"
        case .badChecksum: return "bad checksum; is it complete and copied correctly?"
        case .badPadding: return "bad padding"
        }
    }
}

import SodiumKit

/// A passphrase recipient: the file key is wrapped under scrypt(passphrase).
///
/// age allows this stanza only alone in a header; the encryptor and the parser both enforce it.
public struct ScryptRecipient: AgeRecipient, Sendable {
    static let stanzaType = "scrypt"
    static let label = Array("age-encryption.org/v1/scrypt".utf8)
    static let saltByteCount = 16
    /// log2(N) used when encrypting: about a second of work, as age does.
    public static let defaultWorkFactor = 18
    /// The largest work factor this implementation writes.
    public static let maximumWorkFactor = 18

    private let passphrase: SecureBytes
    public let workFactor: Int

    /// `workFactor` is log2(N), 1…18; lower values exist for tests.
    public init(passphrase: SecureBytes, workFactor: Int = defaultWorkFactor) throws {
        guard (1...Self.maximumWorkFactor).contains(workFactor) else {
            throw AgeError.invalidRecipients(
                "the scrypt work factor must be between 1 and \(Self.maximumWorkFactor), got \(workFactor)")
        }
        guard passphrase.count > 0 else { throw AgeError.invalidRecipients("the passphrase is empty") }
        self.passphrase = passphrase
        self.workFactor = workFactor
    }

    public func wrap(fileKey: SecureBytes) throws -> [AgeStanza] {
        let salt = Random.bytes(Self.saltByteCount)
        let key = try AgeError.sodium {
            try Scrypt.derive(password: passphrase, salt: Self.label + salt, logN: workFactor, length: 32)
        }
        let body = try StanzaCrypto.seal(fileKey: fileKey, with: key)
        return [
            AgeStanza(
                type: Self.stanzaType, arguments: [Base64.encode(salt, variant: .unpadded), String(workFactor)],
                body: body)
        ]
    }
}

/// Opens a passphrase-encrypted file.
public struct ScryptIdentity: AgeIdentity, Sendable {
    /// log2(N) above which a file is refused rather than spend minutes and gigabytes on it
    /// (age's limit: about 15 seconds).
    public static let defaultMaximumWorkFactor = 22

    private let passphrase: SecureBytes
    public let maximumWorkFactor: Int

    public init(passphrase: SecureBytes, maximumWorkFactor: Int = defaultMaximumWorkFactor) {
        self.passphrase = passphrase
        self.maximumWorkFactor = maximumWorkFactor
    }

    public func unwrap(_ stanzas: [AgeStanza]) throws -> SecureBytes? {
        for stanza in stanzas where stanza.type == ScryptRecipient.stanzaType {
            guard stanzas.count == 1 else {
                throw AgeError.badHeader("an scrypt (passphrase) stanza must be the only stanza in the header")
            }
            guard stanza.arguments.count == 2 else {
                throw AgeError.badHeader(
                    "an scrypt stanza must have exactly two arguments, the salt and the work factor")
            }
            let salt = try StanzaCrypto.decode(
                stanza.arguments[0], count: ScryptRecipient.saltByteCount, what: "salt", in: "scrypt")
            let workFactor = try Self.parseWorkFactor(stanza.arguments[1])
            guard workFactor <= maximumWorkFactor else {
                throw AgeError.badHeader(
                    "the scrypt work factor \(workFactor) is above the limit of \(maximumWorkFactor)")
            }
            guard stanza.body.count == StanzaCrypto.wrappedFileKeyByteCount else {
                throw AgeError.badHeader(
                    "an scrypt stanza body must be 32 bytes (a 16-byte file key and its tag), got \(stanza.body.count)")
            }
            let key = try AgeError.sodium {
                try Scrypt.derive(
                    password: passphrase, salt: ScryptRecipient.label + salt, logN: workFactor, length: 32)
            }
            if let fileKey = try StanzaCrypto.open(stanza.body, with: key) { return fileKey }
        }
        return nil
    }

    /// `^[1-9][0-9]*$`, as decimal; anything else (sign, leading zero, hex) is malformed.
    static func parseWorkFactor(_ text: String) throws -> Int {
        let digits = Array(text.utf8)
        guard let first = digits.first, (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(first),
            digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else {
            throw AgeError.badHeader(
                "the scrypt work factor \(HeaderParser.quoted(text)) is not a decimal number without leading zeros")
        }
        guard let value = Int(text) else {
            throw AgeError.badHeader("the scrypt work factor \(HeaderParser.quoted(text)) is too large")
        }
        return value
    }
}

import SodiumKit

/// Encrypts to one or more recipients, streaming: the input is read and the output written
/// in 64 KiB chunks, so memory stays the same whatever the file size.
public struct AgeEncryptor {
    private let recipients: [any AgeRecipient]
    /// Whether the output is ASCII-armored.
    public let armored: Bool

    public init(recipients: [any AgeRecipient], armored: Bool = false) throws {
        guard !recipients.isEmpty else { throw AgeError.invalidRecipients("no recipients were given") }
        self.recipients = recipients
        self.armored = armored
    }

    /// Encrypts everything `source` yields into `sink`.
    public func encrypt(from source: any ByteSource, to sink: any ByteSink) throws {
        let fileKey = try AgeError.sodium { try SecureBytes.random(count: StanzaCrypto.fileKeyByteCount) }
        var stanzas: [AgeStanza] = []
        for recipient in recipients { stanzas += try recipient.wrap(fileKey: fileKey) }
        if stanzas.contains(where: { $0.type == ScryptRecipient.stanzaType }) && stanzas.count != 1 {
            throw AgeError.invalidRecipients("a passphrase cannot be combined with other recipients")
        }
        var header = AgeHeader(stanzas: stanzas, mac: [])
        header.mac = try HeaderMAC.compute(fileKey: fileKey, header: header.encodedForMAC())

        let armor = armored ? ArmorWriter(sink) : nil
        let output: any ByteSink = armor ?? sink
        try header.encoded().withUnsafeBytes { try output.write($0) }
        let nonce = Random.bytes(PayloadStream.nonceSize)
        try nonce.withUnsafeBytes { try output.write($0) }
        let payloadKey = try PayloadStream.key(fileKey: fileKey, nonce: nonce)
        try PayloadEncryptor(key: payloadKey).run(from: source, to: output)
        try armor?.finish()
    }

    /// Encrypts bytes held in memory (small messages).
    public func encrypt(_ plaintext: [UInt8]) throws -> [UInt8] {
        let sink = MemorySink()
        try encrypt(from: MemorySource(plaintext), to: sink)
        return sink.bytes
    }
}

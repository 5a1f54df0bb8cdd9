import SodiumKit

/// Decrypts one age file, binary or armored (detected from its first bytes), streaming.
///
/// Made in two steps so a caller can look at the header first (to know whether to ask for a
/// passphrase) before choosing identities:
///
///     let decryptor = try AgeDecryptor(source: input)       // reads and checks the header
///     if decryptor.header.isPassphraseEncrypted { … }
///     try decryptor.decrypt(identities: ids, to: output)    // unwraps, checks the MAC, streams
///
/// Plaintext is released to the sink chunk by chunk, each chunk only after it has
/// authenticated. If a later chunk fails, the sink has already received the earlier ones:
/// a caller writing to a file must throw that file away on error.
public final class AgeDecryptor {
    public let header: AgeHeader
    /// Whether the input was ASCII-armored.
    public let isArmored: Bool
    private let reader: BufferedReader
    private let macInput: [UInt8]
    private var consumed = false

    /// Reads the header from `source`.
    public init(source: any ByteSource) throws {
        let raw = BufferedReader(source)
        if try AgeArmor.looksArmored(raw) {
            isArmored = true
            reader = BufferedReader(ArmorReader(raw))
        } else {
            isArmored = false
            reader = raw
        }
        let parsed = try HeaderParser.parse(reader)
        header = parsed.header
        macInput = parsed.macInput
    }

    /// Unwraps the file key with the first identity that matches, checks the header MAC and
    /// streams the payload into `sink`. Can be called once.
    public func decrypt(identities: [any AgeIdentity], to sink: any ByteSink) throws {
        precondition(!consumed, "AgeDecryptor.decrypt can be called only once")
        consumed = true
        let fileKey = try unwrapFileKey(identities)
        guard try HeaderMAC.isValid(header.mac, fileKey: fileKey, header: macInput) else {
            throw AgeError.headerMACMismatch
        }
        var nonce = [UInt8](repeating: 0, count: PayloadStream.nonceSize)
        let count = try nonce.withUnsafeMutableBytes { try reader.readFully(into: $0) }
        guard count == PayloadStream.nonceSize else {
            throw AgeError.badHeader("the 16-byte payload nonce after the header is missing or short (\(count) bytes)")
        }
        let payloadKey = try PayloadStream.key(fileKey: fileKey, nonce: nonce)
        try PayloadDecryptor(key: payloadKey).run(from: reader, to: sink)
    }

    private func unwrapFileKey(_ identities: [any AgeIdentity]) throws -> SecureBytes {
        for identity in identities {
            if let fileKey = try identity.unwrap(header.stanzas) {
                // Both built-in types check the body length, which fixes this; a plug-in
                // identity might not.
                guard fileKey.count == StanzaCrypto.fileKeyByteCount else {
                    throw AgeError.badHeader("an unwrapped file key is \(fileKey.count) bytes, not 16")
                }
                return fileKey
            }
        }
        throw AgeError.noIdentityMatched(stanzaTypes: header.stanzas.map(\.type))
    }

    /// Decrypts a whole file held in memory (small messages). On failure nothing is returned.
    public static func decrypt(_ bytes: [UInt8], identities: [any AgeIdentity]) throws -> [UInt8] {
        let sink = MemorySink()
        do {
            try AgeDecryptor(source: MemorySource(bytes)).decrypt(identities: identities, to: sink)
        } catch {
            sink.wipe()
            throw error
        }
        return sink.bytes
    }
}

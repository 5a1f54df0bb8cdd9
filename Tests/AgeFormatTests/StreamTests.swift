import SodiumKit
import Testing

@testable import AgeFormat

@Suite struct StreamTests {
    static let chunk = PayloadStream.chunkSize

    /// Sizes around the 64 KiB chunk boundaries, including the empty payload, and around the
    /// encryptor's batches (the first chunk alone, then `PayloadEncryptor.batchChunks` at a time).
    @Test(arguments: [
        0, 1, 65535, 65536, 65537, 131_072, 131_073, 3 * 65536 + 5,
        17 * 65536 - 1, 17 * 65536, 17 * 65536 + 1, 18 * 65536, 33 * 65536, 33 * 65536 + 7,
    ])
    func roundTripsAndHasAgesChunkLayout(_ size: Int) throws {
        let identity = try X25519Identity.generate()
        let plaintext = patternBytes(size, seed: UInt32(size))
        let file = try AgeEncryptor(recipients: [identity.recipient]).encrypt(plaintext)
        let (_, headerLength) = try AgeHeader.parse(file)
        // One chunk at least (an empty payload is one empty final chunk); a payload of whole
        // chunks ends with a full final chunk, never an empty one.
        let chunks = max(1, (size + Self.chunk - 1) / Self.chunk)
        #expect(file.count == headerLength + 16 + size + 16 * chunks)
        let result = decrypt(file, with: [identity])
        #expect(result.error == nil)
        #expect(result.released.elementsEqual(plaintext))
    }

    @Test func shortReadsFromTheSourceChangeNothing() throws {
        let identity = try X25519Identity.generate()
        let plaintext = patternBytes(140_000)
        let sink = MemorySink()
        try AgeEncryptor(recipients: [identity.recipient]).encrypt(from: TrickleSource(plaintext), to: sink)
        let decrypted = MemorySink()
        try AgeDecryptor(source: TrickleSource(sink.bytes)).decrypt(identities: [identity], to: decrypted)
        #expect(decrypted.bytes.elementsEqual(plaintext))
    }

    @Test func twentyRecipientsCanEachDecrypt() throws {
        let identities = try (0..<20).map { _ in try X25519Identity.generate() }
        let plaintext = patternBytes(1000)
        let file = try AgeEncryptor(recipients: identities.map(\.recipient)).encrypt(plaintext)
        let (header, _) = try AgeHeader.parse(file)
        #expect(header.stanzas.count == 20)
        for identity in identities { #expect(decrypt(file, with: [identity]).released == plaintext) }
        // Identities are tried in order until one matches.
        let stranger = try X25519Identity.generate()
        #expect(decrypt(file, with: [stranger, identities[19]]).released == plaintext)
    }

    @Test func passphraseRoundTrip() throws {
        let file = try AgeEncryptor(recipients: [
            try ScryptRecipient(passphrase: try secure("correct horse"), workFactor: 10)
        ])
        .encrypt(patternBytes(5000))
        let (header, _) = try AgeHeader.parse(file)
        #expect(header.isPassphraseEncrypted)
        #expect(header.stanzas[0].arguments[1] == "10")
        #expect(
            decrypt(file, with: [ScryptIdentity(passphrase: try secure("correct horse"))]).released
                == patternBytes(5000))
        #expect(
            decrypt(file, with: [ScryptIdentity(passphrase: try secure("wrong"))]).error
                == .noIdentityMatched(stanzaTypes: ["scrypt"]))
    }

    @Test func scryptWorkFactorLimits() throws {
        // Encrypting: 18 at most (age's default, about a second).
        #expect(throws: AgeError.self) { try ScryptRecipient(passphrase: try secure("p"), workFactor: 19) }
        #expect(try ScryptRecipient(passphrase: try secure("p")).workFactor == 18)
        // Decrypting: the cap is checked before any work is done.
        let file = try AgeEncryptor(recipients: [try ScryptRecipient(passphrase: try secure("p"), workFactor: 12)])
            .encrypt([1])
        let capped = ScryptIdentity(passphrase: try secure("p"), maximumWorkFactor: 11)
        guard case .badHeader(let what)? = decrypt(file, with: [capped]).error else {
            Issue.record("a work factor over the cap must be a header failure")
            return
        }
        #expect(what.contains("above the limit"))
        #expect(ScryptIdentity.defaultMaximumWorkFactor == 22)
    }

    @Test func aPassphraseCannotBeMixedWithOtherRecipients() throws {
        let scrypt = try ScryptRecipient(passphrase: try secure("p"), workFactor: 4)
        let x25519 = try X25519Identity.generate().recipient
        for recipients: [any AgeRecipient] in [[scrypt, x25519], [scrypt, scrypt]] {
            #expect {
                _ = try AgeEncryptor(recipients: recipients).encrypt([1])
            } throws: { error in
                if case AgeError.invalidRecipients = error { return true }
                return false
            }
        }
    }

    /// A stream much larger than any buffer passes through a generated source, checking
    /// the chunk counter over many chunks.
    @Test func longStreamsRoundTrip() throws {
        let identity = try X25519Identity.generate()
        let size = 300 * Self.chunk + 123
        let encrypted = MemorySink()
        try AgeEncryptor(recipients: [identity.recipient]).encrypt(from: GeneratedSource(count: size), to: encrypted)
        let decrypted = MemorySink()
        try AgeDecryptor(source: MemorySource(encrypted.bytes)).decrypt(identities: [identity], to: decrypted)
        let expected = MemorySink()
        let generated = GeneratedSource(count: size)
        var buffer = [UInt8](repeating: 0, count: 100_000)
        while case let n = try buffer.withUnsafeMutableBytes({ try generated.read(into: $0) }), n > 0 {
            try buffer[..<n].withUnsafeBytes { try expected.write($0) }
        }
        #expect(decrypted.bytes.elementsEqual(expected.bytes))
    }
}

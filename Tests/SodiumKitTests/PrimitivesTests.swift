import SodiumKit
import Testing

@Suite struct PrimitivesTests {
    @Test func libsodiumVersionIsKnown() {
        #expect(Sodium.version.hasPrefix("1.0."))
    }

    @Test func base64IsStrict() throws {
        #expect(try Base64.decode("AAEC", variant: .padded) == [0, 1, 2])
        #expect(try Base64.decode("AAE=", variant: .padded) == [0, 1])
        #expect(try Base64.decode("AAE", variant: .unpadded) == [0, 1])
        #expect(Base64.encode([0, 1], variant: .unpadded) == "AAE")
        #expect(Base64.encode([0, 1], variant: .padded) == "AAE=")
        #expect(try Base64.decode("", variant: .unpadded) == [])
        // Padding in the unpadded variant, missing padding, non-zero trailing bits, line breaks.
        #expect(throws: SodiumError.invalidBase64) { try Base64.decode("AAE=", variant: .unpadded) }
        #expect(throws: SodiumError.invalidBase64) { try Base64.decode("AAE", variant: .padded) }
        #expect(throws: SodiumError.invalidBase64) { try Base64.decode("AB", variant: .unpadded) }
        #expect(throws: SodiumError.invalidBase64) { try Base64.decode("AA\nEC", variant: .padded) }
        #expect(throws: SodiumError.invalidBase64) { try Base64.decode("AA-C", variant: .padded) }
    }

    @Test func x25519RejectsAllZeroSharedSecret() throws {
        let secret = Random.bytes(32)
        #expect(throws: SodiumError.weakSharedSecret) {
            try X25519.sharedSecret(secret: secret, publicKey: [UInt8](repeating: 0, count: 32))
        }
    }

    @Test func x25519AgreesBothWays() throws {
        let a = Random.bytes(32), b = Random.bytes(32)
        let ab = try X25519.sharedSecret(secret: a, publicKey: try X25519.publicKey(secret: b))
        let ba = try X25519.sharedSecret(secret: b, publicKey: try X25519.publicKey(secret: a))
        #expect(ab.equals(ba))
    }

    @Test func chachaPolyDetectsAnyFlippedBit() throws {
        let key = Random.bytes(32), nonce = Random.bytes(12)
        let sealed = try ChaChaPoly.seal(Array("attack at dawn".utf8), key: key, nonce: nonce)
        for bit in 0..<(sealed.count * 8) {
            var tampered = sealed
            tampered[bit / 8] ^= 1 << (bit % 8)
            #expect(throws: SodiumError.authenticationFailed) {
                try ChaChaPoly.open(tampered, key: key, nonce: nonce)
            }
        }
        #expect(try ChaChaPoly.open(sealed, key: key, nonce: nonce).unsafeCopy == Array("attack at dawn".utf8))
    }

    @Test func ed25519SignsAndVerifies() throws {
        let pair = try Ed25519.KeyPair.generate()
        let message = Array("roster v1".utf8)
        let signature = try Ed25519.sign(message, secretKey: pair.secretKey)
        #expect(Ed25519.isValid(signature: signature, for: message, publicKey: pair.publicKey))
        #expect(!Ed25519.isValid(signature: signature, for: message + [0], publicKey: pair.publicKey))
        let again = try Ed25519.KeyPair(secretKey: pair.secretKey)
        #expect(again.publicKey == pair.publicKey)
    }

    @Test func blake2bMatchesKnownAnswer() throws {
        // BLAKE2b-512 of the empty string (RFC 7693 reference implementation).
        let digest = try BLAKE2b.hash([UInt8](), outputLength: 64)
        #expect(digest.prefix(8) == [0x78, 0x6a, 0x02, 0xf7, 0x42, 0x01, 0x59, 0x03])
        // Streaming in pieces equals one shot.
        let data = Random.bytes(200_000)
        let hasher = try BLAKE2b(outputLength: 64)
        hasher.update(data[..<70_000])
        hasher.update(data[70_000...])
        #expect(hasher.finalize() == (try BLAKE2b.hash(data, outputLength: 64)))
    }

    @Test func sha256MatchesKnownAnswer() {
        // SHA-256("abc"), FIPS 180-2 appendix B.1.
        #expect(SHA256.hash(Array("abc".utf8)).prefix(4) == [0xba, 0x78, 0x16, 0xbf])
    }

    @Test func scryptMatchesRFC7914() throws {
        // RFC 7914 §12, second vector: P="password", S="NaCl", N=1024, r=8, p=16, dkLen=64.
        let key = try Scrypt.derive(
            password: Array("password".utf8), salt: Array("NaCl".utf8), logN: 10, r: 8, p: 16, length: 64)
        #expect(key.unsafeCopy.prefix(8) == [0xfd, 0xba, 0xbe, 0x1c, 0x9d, 0x34, 0x72, 0x00])
    }

    @Test func secureBytesCompareInConstantTime() throws {
        let a = try SecureBytes(copying: [1, 2, 3]), b = try SecureBytes(copying: [1, 2, 3])
        let c = try SecureBytes(copying: [1, 2, 4])
        #expect(a.equals(b))
        #expect(!a.equals(c))
        #expect(!a.equals(try SecureBytes(copying: [1, 2])))
    }
}

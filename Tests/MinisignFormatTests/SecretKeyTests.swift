import CommsMapTestSupport
import Foundation
import MinisignFormat
import SodiumKit
import Testing

/// Secret key files: the SeckeyStruct layout, scrypt encryption with the stored limits, the
/// checksum that detects a wrong passphrase.
@Suite struct SecretKeyTests {
    static let passphrase = Array("correct horse battery staple".utf8)

    static func secure(_ bytes: [UInt8]) throws -> SecureBytes { try SecureBytes(copying: bytes) }

    /// The decoded 158-byte structure of a key file.
    static func structure(_ file: [UInt8]) throws -> [UInt8] {
        let line = String(decoding: file, as: UTF8.self).split(separator: "\n")[1]
        return try Base64.decode(line, variant: .padded)
    }

    static func file(comment: String = "test", structure: [UInt8]) -> [UInt8] {
        Array("untrusted comment: \(comment)\n\(Base64.encode(structure, variant: .padded))\n".utf8)
    }

    @Test func unencryptedKeyRoundTrips() throws {
        let key = try MinisignSigningKey.generate()
        let file = try MinisignSecretKey.fileContents(for: key, passphrase: nil)
        let parsed = try MinisignSecretKey(fileContents: file)
        #expect(parsed.protection == .unencrypted)
        #expect(!parsed.isEncrypted)
        let opened = try parsed.open(passphrase: {
            Issue.record("no passphrase needed")
            return try Self.secure([])
        })
        #expect(opened.keyID == key.keyID)
        #expect(opened.publicKey == key.publicKey)
        #expect(opened.keyPair.secretKey.equals(key.keyPair.secretKey))
    }

    @Test func layoutIsMinisigns() throws {
        let key = try MinisignSigningKey.generate()
        let structure = try Self.structure(
            MinisignSecretKey.fileContents(for: key, passphrase: Self.secure(Self.passphrase), limits: .minimum))
        #expect(structure.count == 158)
        #expect(Array(structure[0..<6]) == Array("EdScB2".utf8))
        let ops = structure[38..<46].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let mem = structure[46..<54].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(ops == KeyDerivationLimits.minimum.opsLimit)
        #expect(mem == KeyDerivationLimits.minimum.memLimit)
        // keynum_sk is encrypted: the key id is not visible in the clear.
        #expect(Array(structure[54..<62]) != key.keyID.bytes)

        let plain = try Self.structure(MinisignSecretKey.fileContents(for: key, passphrase: nil))
        #expect(Array(plain[0..<6]) == [0x45, 0x64, 0, 0, 0x42, 0x32])
        #expect(Array(plain[54..<62]) == key.keyID.bytes)
        let checksum = try BLAKE2b.hash(Array("Ed".utf8) + Array(plain[54..<126]), outputLength: 32)
        #expect(Array(plain[126..<158]) == checksum)
    }

    @Test(arguments: [KeyDerivationLimits.minimum, .interactive])
    func encryptedKeyRoundTripsWithTheStoredLimits(limits: KeyDerivationLimits) throws {
        let key = try MinisignSigningKey.generate()
        let file = try MinisignSecretKey.fileContents(
            for: key, passphrase: Self.secure(Self.passphrase), limits: limits)
        let parsed = try MinisignSecretKey(fileContents: file)
        #expect(parsed.protection == .scrypt(limits))
        let opened = try parsed.decrypt(passphrase: Self.passphrase)
        #expect(opened.keyID == key.keyID)
        #expect(opened.publicKey == key.publicKey)
    }

    @Test func wrongPassphraseIsDetectedByTheChecksum() throws {
        let key = try MinisignSigningKey.generate()
        let parsed = try MinisignSecretKey(
            fileContents: MinisignSecretKey.fileContents(
                for: key, passphrase: Self.secure(Self.passphrase), limits: .minimum))
        for wrong in ["", "correct horse battery stapl", "Correct horse battery staple"] {
            #expect(throws: MinisignError.wrongPassword) { try parsed.decrypt(passphrase: Array(wrong.utf8)) }
        }
    }

    @Test func openAsksForThePassphraseOnlyWhenEncrypted() throws {
        let key = try MinisignSigningKey.generate()
        let parsed = try MinisignSecretKey(
            fileContents: MinisignSecretKey.fileContents(
                for: key, passphrase: Self.secure(Self.passphrase), limits: .minimum))
        var asked = 0
        let opened = try parsed.open {
            asked += 1
            return try Self.secure(Self.passphrase)
        }
        #expect(asked == 1)
        #expect(opened.keyID == key.keyID)
    }

    @Test func minisignsZeroChecksumOnUnencryptedKeysIsAccepted() throws {
        // `minisign -G -W` leaves the checksum (and salt and limits) all zero.
        let key = try MinisignSigningKey.generate()
        var structure = try Self.structure(MinisignSecretKey.fileContents(for: key, passphrase: nil))
        for i in 126..<158 { structure[i] = 0 }
        let opened = try MinisignSecretKey(fileContents: Self.file(structure: structure)).open { try Self.secure([]) }
        #expect(opened.publicKey == key.publicKey)
    }

    @Test func corruptUnencryptedKeyIsRejected() throws {
        let key = try MinisignSigningKey.generate()
        let structure = try Self.structure(MinisignSecretKey.fileContents(for: key, passphrase: nil))
        // A flipped bit in the seed: the checksum no longer matches.
        var flipped = structure
        flipped[70] ^= 0x04
        #expect(throws: MinisignError.corruptSecretKey("the checksum does not match the key")) {
            try MinisignSecretKey(fileContents: Self.file(structure: flipped)).open { try Self.secure([]) }
        }
        // The same with minisign's zero checksum: the public half no longer belongs to the seed.
        for i in 126..<158 { flipped[i] = 0 }
        #expect(throws: MinisignError.corruptSecretKey("the public half of the secret key does not belong to its seed"))
        {
            try MinisignSecretKey(fileContents: Self.file(structure: flipped)).open { try Self.secure([]) }
        }
    }

    @Test func unsupportedAlgorithmsAreNamed() throws {
        let key = try MinisignSigningKey.generate()
        let structure = try Self.structure(MinisignSecretKey.fileContents(for: key, passphrase: nil))
        let cases: [(Range<Int>, String, String)] = [
            (0..<2, "EX", "signature algorithm \"EX\""),
            (2..<4, "Ar", "key derivation function \"Ar\""),
            (4..<6, "S2", "checksum algorithm \"S2\""),
        ]
        for (range, tag, message) in cases {
            var changed = structure
            changed.replaceSubrange(range, with: Array(tag.utf8))
            #expect(throws: MinisignError.unsupportedAlgorithm(message)) {
                try MinisignSecretKey(fileContents: Self.file(structure: changed))
            }
        }
    }

    @Test func malformedFilesAreRejected() throws {
        let key = try MinisignSigningKey.generate()
        let file = try MinisignSecretKey.fileContents(for: key, passphrase: nil)
        let text = String(decoding: file, as: UTF8.self)
        let samples = [
            "",
            "untrusted comment: only a comment\n",
            text.replacingOccurrences(of: "untrusted comment:", with: "comment:"),
            String(text.dropLast(5)),
            text + "trailing\n",
        ]
        for sample in samples {
            #expect(throws: MinisignError.self) { try MinisignSecretKey(fileContents: Array(sample.utf8)) }
            do {
                _ = try MinisignSecretKey(fileContents: Array(sample.utf8))
            } catch let error as MinisignError {
                #expect(error.code == "minisign.malformed-secret-key")
            }
        }
    }

    @Test func keyFilesAreWrittenLikeMinisignGenerate() throws {
        let directory = try TemporaryDirectory()
        let secretPath = directory.path("minisign.key").path
        let publicPath = directory.path("minisign.pub").path
        let publicKey = try MinisignKeyFiles.generate(
            secretKeyPath: secretPath, publicKeyPath: publicPath, passphrase: Self.secure(Self.passphrase),
            limits: .minimum)
        let mode = try FileManager.default.attributesOfItem(atPath: secretPath)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let readBack = try MinisignPublicKey(fileContents: [UInt8](Data(contentsOf: URL(fileURLWithPath: publicPath))))
        #expect(readBack == publicKey)
        let opened = try MinisignSecretKey(fileContents: [UInt8](Data(contentsOf: URL(fileURLWithPath: secretPath))))
            .decrypt(passphrase: Self.passphrase)
        #expect(opened.publicKey == publicKey)
        // Never overwrites.
        #expect(throws: MinisignError.fileExists(secretPath)) {
            try MinisignKeyFiles.generate(
                secretKeyPath: secretPath, publicKeyPath: directory.path("other.pub").path, passphrase: nil)
        }
    }
}

import CommsMapTestSupport
import Foundation
import MinisignFormat
import SodiumKit
import Testing

/// The known-answer vectors of `shared/vectors/minisign` (from jedisct1/go-minisign's tests)
/// and what must happen when any part of them is changed.
@Suite struct MinisignVectorTests {
    static func vector(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: TestPaths.vectors("minisign/\(name)")))
    }

    static let message: [UInt8] = Array("test".utf8)

    static func publicKey() throws -> MinisignPublicKey {
        try MinisignPublicKey(fileContents: vector("test.pub"))
    }

    static func signature(_ name: String) throws -> MinisignSignature {
        try MinisignSignature(fileContents: vector(name))
    }

    @Test func publicKeyParsesWithMinisignsKeyID() throws {
        let key = try Self.publicKey()
        #expect(key.keyID.description == "E7620F1842B4E81F")
        #expect(key.base64 == "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3")
        #expect(try MinisignPublicKey(base64: key.base64) == key)
        // The file we write is byte for byte the vector (its comment is minisign 0.12's).
        #expect(Array(key.fileContents.utf8) == (try Self.vector("test.pub")))
    }

    @Test(arguments: [
        ("test.prehashed.minisig", SignatureAlgorithm.prehashed, "timestamp:1635443258\tfile:test\thashed"),
        ("test.legacy.minisig", SignatureAlgorithm.legacy, "timestamp:1635442742\tfile:test"),
    ])
    func vectorVerifies(name: String, algorithm: SignatureAlgorithm, comment: String) throws {
        let signature = try Self.signature(name)
        #expect(signature.algorithm == algorithm)
        #expect(signature.trustedCommentText == comment)
        #expect(signature.keyID == (try Self.publicKey()).keyID)
        try MinisignVerifier(publicKey: Self.publicKey()).verify(signature, message: Self.message)
        // Re-encoding gives back the file exactly.
        #expect(signature.fileContents == (try Self.vector(name)))
    }

    @Test func vectorVerifiesFromTheFile() throws {
        let verifier = try MinisignVerifier(publicKey: Self.publicKey())
        for name in ["test.prehashed.minisig", "test.legacy.minisig"] {
            try verifier.verify(Self.signature(name), fileAt: TestPaths.vectors("minisign/test.txt").path)
        }
    }

    @Test(arguments: ["test.prehashed.minisig", "test.legacy.minisig"])
    func modifiedMessageIsABadSignature(name: String) throws {
        let verifier = try MinisignVerifier(publicKey: Self.publicKey())
        for message in ["tesT", "test\n", "", "tes"] {
            #expect(throws: MinisignError.badSignature) {
                try verifier.verify(Self.signature(name), message: Array(message.utf8))
            }
        }
    }

    @Test(arguments: ["test.prehashed.minisig", "test.legacy.minisig"])
    func modifiedTrustedCommentIsABadGlobalSignature(name: String) throws {
        var signature = try Self.signature(name)
        signature.trustedComment = Array(
            signature.trustedCommentText.replacingOccurrences(of: "1635", with: "1735").utf8)
        #expect(throws: MinisignError.badGlobalSignature) {
            try MinisignVerifier(publicKey: Self.publicKey()).verify(signature, message: Self.message)
        }
        // Dropping a byte, or appending one, is caught as well.
        for comment in [
            Array(try Self.signature(name).trustedComment.dropLast()), try Self.signature(name).trustedComment + [0x20],
        ] {
            signature.trustedComment = comment
            #expect(throws: MinisignError.badGlobalSignature) {
                try MinisignVerifier(publicKey: Self.publicKey()).verify(signature, message: Self.message)
            }
        }
    }

    @Test func modifiedGlobalSignatureIsABadGlobalSignature() throws {
        var signature = try Self.signature("test.prehashed.minisig")
        signature.globalSignature[10] ^= 0x01
        #expect(throws: MinisignError.badGlobalSignature) {
            try MinisignVerifier(publicKey: Self.publicKey()).verify(signature, message: Self.message)
        }
    }

    @Test func signatureUnderAnotherKeyIDIsAMismatch() throws {
        var signature = try Self.signature("test.prehashed.minisig")
        var id = signature.keyID.bytes
        id[0] ^= 0x80
        signature.keyID = try MinisignKeyID(bytes: id)
        let expected = MinisignError.keyIDMismatch(signature: signature.keyID, publicKey: try Self.publicKey().keyID)
        #expect(throws: expected) {
            try MinisignVerifier(publicKey: Self.publicKey()).verify(signature, message: Self.message)
        }
        #expect(expected.isNegativeVerdict)
        #expect(expected.description.contains("E7620F1842B4E89F"))
    }

    @Test func signatureByAnotherKeyWithTheSameKeyIDIsABadSignature() throws {
        let vectorKey = try Self.publicKey()
        let impostor = try MinisignSigningKey.generate(keyID: vectorKey.keyID)
        let forged = try MinisignSigner(key: impostor).sign(message: Self.message, trustedComment: "forged")
        #expect(forged.keyID == vectorKey.keyID)
        #expect(throws: MinisignError.badSignature) {
            try MinisignVerifier(publicKey: vectorKey).verify(forged, message: Self.message)
        }
    }

    @Test func legacyIsRefusedOnlyWhenAsked() throws {
        let verifier = MinisignVerifier(publicKey: try Self.publicKey(), allowsLegacy: false)
        #expect(throws: MinisignError.legacySignatureRefused) {
            try verifier.verify(Self.signature("test.legacy.minisig"), message: Self.message)
        }
        try verifier.verify(Self.signature("test.prehashed.minisig"), message: Self.message)
    }

    @Test func switchingTheAlgorithmTagBreaksTheSignature() throws {
        // A prehashed signature relabelled as legacy (and back) must not verify.
        for (name, relabel) in [
            ("test.prehashed.minisig", SignatureAlgorithm.legacy), ("test.legacy.minisig", .prehashed),
        ] {
            var signature = try Self.signature(name)
            signature.algorithm = relabel
            #expect(throws: MinisignError.badSignature) {
                try MinisignVerifier(publicKey: Self.publicKey()).verify(signature, message: Self.message)
            }
        }
    }

    /// The algorithm tag is not signed: a prehashed signature of F, relabelled `Ed`, is a
    /// valid legacy signature of the 64-byte "file" BLAKE2b-512(F). That is minisign's
    /// format, not a bug here; refusing legacy signatures (`-H`) closes it, and
    /// docs/crypto.md says so.
    @Test func relabelledPrehashedSignatureVerifiesAsLegacyOverTheDigestUnlessRefused() throws {
        var signature = try Self.signature("test.prehashed.minisig")
        signature.algorithm = .legacy
        let digest = try BLAKE2b.hash(Self.message, outputLength: 64)
        try MinisignVerifier(publicKey: Self.publicKey()).verify(signature, message: digest)
        #expect(throws: MinisignError.legacySignatureRefused) {
            try MinisignVerifier(publicKey: Self.publicKey(), allowsLegacy: false).verify(signature, message: digest)
        }
    }
}

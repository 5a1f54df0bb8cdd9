import CommsMapTestSupport
import Foundation
import MinisignFormat
import SodiumKit
import Testing

/// Signing: prehashed signatures, streamed files, comments, round trips.
@Suite struct SignerTests {
    static let key: MinisignSigningKey = {
        do { return try MinisignSigningKey.generate() } catch { fatalError("cannot generate a key: \(error)") }
    }()

    @Test func signatureIsPrehashedAndVerifies() throws {
        let message = Array("exercise message".utf8)
        let signature = try MinisignSigner(key: Self.key).sign(message: message, trustedComment: "tc")
        #expect(signature.algorithm == .prehashed)
        #expect(signature.keyID == Self.key.keyID)
        #expect(signature.trustedCommentText == "tc")
        #expect(signature.untrustedComment == Array(MinisignSignature.defaultUntrustedComment.utf8))
        // Ed25519 over BLAKE2b-512 of the message, not over the message.
        let digest = try BLAKE2b.hash(message, outputLength: 64)
        #expect(Ed25519.isValid(signature: signature.signature, for: digest, publicKey: Self.key.keyPair.publicKey))
        #expect(!Ed25519.isValid(signature: signature.signature, for: message, publicKey: Self.key.keyPair.publicKey))
        try MinisignVerifier(publicKey: Self.key.publicKey).verify(signature, message: message)
        // Through the file format and back.
        let parsed = try MinisignSignature(fileContents: signature.fileContents)
        #expect(parsed == signature)
        try MinisignVerifier(publicKey: Self.key.publicKey).verify(parsed, message: message)
    }

    @Test func signaturesAreDeterministic() throws {
        let signer = MinisignSigner(key: Self.key)
        let a = try signer.sign(message: [1, 2, 3], trustedComment: "same")
        let b = try signer.sign(message: [1, 2, 3], trustedComment: "same")
        #expect(a == b)
    }

    @Test(arguments: [0, 1, 65_535, 65_536, 65_537, 3 * 65_536 + 17, 40 * 65_536 + 5])
    func streamedFileSignatureEqualsTheInMemoryOne(size: Int) throws {
        let directory = try TemporaryDirectory()
        let bytes = Random.bytes(size)
        let url = try directory.write("message.bin", Data(bytes))
        let signer = MinisignSigner(key: Self.key)
        var seen: [Int64] = []
        let fromFile = try signer.sign(fileAt: url.path, trustedComment: "t", progress: { seen.append($0) })
        #expect(fromFile == (try signer.sign(message: bytes, trustedComment: "t")))
        #expect(seen.last ?? 0 == Int64(size))
        #expect(seen.count == (size + 65_535) / 65_536)
        let verifier = MinisignVerifier(publicKey: Self.key.publicKey)
        try verifier.verify(fromFile, fileAt: url.path)
        if size > 0 {
            var flipped = bytes
            flipped[size / 2] ^= 0x01
            try directory.write("message.bin", Data(flipped))
            #expect(throws: MinisignError.badSignature) { try verifier.verify(fromFile, fileAt: url.path) }
        }
    }

    @Test func commentsMustBeOneLineMinisignCanRead() throws {
        let signer = MinisignSigner(key: Self.key)
        for bad in ["two\nlines", "carriage\rreturn", "nul\u{0}byte", String(repeating: "x", count: 8174)] {
            #expect(throws: MinisignError.self) { try signer.sign(message: [1], trustedComment: bad) }
            #expect(throws: MinisignError.self) {
                try signer.sign(message: [1], trustedComment: "ok", untrustedComment: bad)
            }
        }
        // The longest comments minisign reads back are accepted.
        let longest = try signer.sign(
            message: [1], trustedComment: String(repeating: "x", count: 8173),
            untrustedComment: String(repeating: "y", count: 1003))
        #expect(try MinisignSignature(fileContents: longest.fileContents) == longest)
        #expect(throws: MinisignError.self) {
            try signer.sign(message: [1], trustedComment: "ok", untrustedComment: String(repeating: "y", count: 1004))
        }
    }

    @Test func unreadableFileIsReported() throws {
        let directory = try TemporaryDirectory()
        let missing = directory.path("missing").path
        #expect(throws: MinisignError.unreadable(path: missing, reason: "No such file or directory")) {
            try MinisignSigner(key: Self.key).sign(fileAt: missing, trustedComment: "t")
        }
        // A directory opens but cannot be read: the error comes from the read-ahead thread.
        #expect(throws: MinisignError.unreadable(path: directory.url.path, reason: "Is a directory")) {
            try MinisignSigner(key: Self.key).sign(fileAt: directory.url.path, trustedComment: "t")
        }
    }

    @Test func legacyFilesAboveTheLimitAreRefused() throws {
        let directory = try TemporaryDirectory()
        let url = try directory.write("test.txt", "test")
        let signature = try MinisignSignature(
            fileContents: [UInt8](Data(contentsOf: TestPaths.vectors("minisign/test.legacy.minisig"))))
        let publicKey = try MinisignPublicKey(
            fileContents: [UInt8](Data(contentsOf: TestPaths.vectors("minisign/test.pub"))))
        try MinisignVerifier(publicKey: publicKey, legacyFileLimit: 4).verify(signature, fileAt: url.path)
        #expect(throws: MinisignError.legacyFileTooLarge(path: url.path, size: 4, limit: 3)) {
            try MinisignVerifier(publicKey: publicKey, legacyFileLimit: 3).verify(signature, fileAt: url.path)
        }
    }

    @Test func errorsHaveStableCodesAndVerdicts() {
        let verdicts: [MinisignError] = [.badSignature, .badGlobalSignature, .legacySignatureRefused]
        #expect(verdicts.allSatisfy { $0.isNegativeVerdict })
        let failures: [MinisignError] = [
            .wrongPassword, .malformedSignature(line: 2, reason: "x"), .unreadable(path: "f", reason: "r"),
            .unsupportedAlgorithm("x"),
        ]
        #expect(failures.allSatisfy { !$0.isNegativeVerdict })
        #expect(Set((verdicts + failures).map { $0.code }).count == verdicts.count + failures.count)
    }
}

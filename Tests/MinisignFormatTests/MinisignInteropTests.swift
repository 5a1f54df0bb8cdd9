import CommsMapTestSupport
import Foundation
import MinisignFormat
import SodiumKit
import Testing

/// Both directions against the real `minisign` binary (0.11 here): its keys and signatures
/// work with us, ours with it.
///
/// minisign reads passwords from stdin when stdin is not a terminal (0.11 has no
/// environment variable for it), so the tests feed them on stdin.
@Suite(.enabled(if: ProcessRunner.which("minisign") != nil, "needs the minisign binary"))
struct MinisignInteropTests {
    static let password = "interop password"

    let directory: TemporaryDirectory
    let messagePath: String
    let message: [UInt8]

    init() throws {
        directory = try TemporaryDirectory(prefix: "minisign-interop")
        // Several 64 KiB blocks and a partial one, so the streamed prehash is exercised.
        message = Random.bytes(3 * 65_536 + 1_234)
        messagePath = try directory.write("message.bin", Data(message)).path
    }

    func path(_ name: String) -> String { directory.path(name).path }

    @discardableResult
    func minisign(_ arguments: [String], stdin: String = "", expectStatus: Int32 = 0) throws -> ProcessResult {
        let binary = try #require(ProcessRunner.which("minisign"))
        let result = try ProcessRunner.run(binary, arguments, stdin: Data(stdin.utf8), currentDirectory: directory.url)
        #expect(result.status == expectStatus, "minisign \(arguments.joined(separator: " ")): \(result.stderrText)")
        return result
    }

    func read(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.path(name)))
    }

    func ourSignature(_ key: MinisignSigningKey, to name: String) throws {
        let signature = try MinisignSigner(key: key).sign(
            fileAt: messagePath,
            trustedComment: MinisignSignature.defaultTrustedComment(timestamp: 1_800_000_000, filePath: messagePath))
        try directory.write(name, Data(signature.fileContents))
    }

    @Test func unencryptedMinisignKeyBothWays() throws {
        try minisign(["-G", "-W", "-p", path("m.pub"), "-s", path("m.key")])
        let publicKey = try MinisignPublicKey(fileContents: read("m.pub"))
        let verifier = MinisignVerifier(publicKey: publicKey)

        // minisign signs (prehashed by default, and legacy with -l); we verify.
        try minisign(["-S", "-s", path("m.key"), "-m", messagePath, "-x", path("prehashed.minisig")])
        let prehashed = try MinisignSignature(fileContents: read("prehashed.minisig"))
        #expect(prehashed.algorithm == .prehashed)
        try verifier.verify(prehashed, fileAt: messagePath)
        try minisign(["-S", "-l", "-s", path("m.key"), "-m", messagePath, "-x", path("legacy.minisig")])
        let legacy = try MinisignSignature(fileContents: read("legacy.minisig"))
        #expect(legacy.algorithm == .legacy)
        try verifier.verify(legacy, fileAt: messagePath)

        // We sign with minisign's key; minisign verifies (also with -H, prehashed only).
        let key = try MinisignSecretKey(fileContents: read("m.key")).open { try SecureBytes(count: 0) }
        #expect(key.publicKey == publicKey)
        try ourSignature(key, to: "ours.minisig")
        let verified = try minisign(["-V", "-H", "-p", path("m.pub"), "-m", messagePath, "-x", path("ours.minisig")])
        #expect(verified.stdoutText.contains("Trusted comment: timestamp:1800000000\tfile:message.bin\thashed"))
        // Deterministic Ed25519: minisign's prehashed signature is ours, bit for bit.
        #expect(prehashed.signature == (try MinisignSignature(fileContents: read("ours.minisig"))).signature)
    }

    @Test func encryptedMinisignKeyOpensWithUs() throws {
        // minisign's default SENSITIVE limits (1 GiB); we honour what the key stores.
        try minisign(["-G", "-p", path("m.pub"), "-s", path("m.key")], stdin: "\(Self.password)\n\(Self.password)\n")
        let secretKey = try MinisignSecretKey(fileContents: read("m.key"))
        #expect(secretKey.protection == .scrypt(.sensitive))
        #expect(throws: MinisignError.wrongPassword) { try secretKey.decrypt(passphrase: Array("wrong".utf8)) }
        let key = try secretKey.decrypt(passphrase: Array(Self.password.utf8))
        #expect(key.publicKey == (try MinisignPublicKey(fileContents: read("m.pub"))))
        try ourSignature(key, to: "ours.minisig")
        try minisign(["-V", "-p", path("m.pub"), "-m", messagePath, "-x", path("ours.minisig")])
    }

    @Test(arguments: [true, false])
    func ourKeyWorksInMinisign(encrypted: Bool) throws {
        let publicKey = try MinisignKeyFiles.generate(
            secretKeyPath: path("ours.key"), publicKeyPath: path("ours.pub"),
            passphrase: encrypted ? SecureBytes(copying: Array(Self.password.utf8)) : nil, limits: .minimum)
        // minisign signs with our key (asking for the password only when it is encrypted).
        try minisign(
            ["-S", "-s", path("ours.key"), "-m", messagePath, "-x", path("theirs.minisig"), "-t", "from minisign"],
            stdin: encrypted ? "\(Self.password)\n" : "")
        let theirs = try MinisignSignature(fileContents: read("theirs.minisig"))
        #expect(theirs.trustedCommentText == "from minisign")
        try MinisignVerifier(publicKey: publicKey).verify(theirs, fileAt: messagePath)
        // minisign -R rebuilds the same public key from our secret key.
        try minisign(
            ["-R", "-s", path("ours.key"), "-p", path("rebuilt.pub")], stdin: encrypted ? "\(Self.password)\n" : "")
        #expect(try MinisignPublicKey(fileContents: read("rebuilt.pub")) == publicKey)
        // And minisign -P verifies a signature of ours with the bare key string.
        let key = try MinisignSecretKey(fileContents: read("ours.key")).decrypt(passphrase: Array(Self.password.utf8))
        try ourSignature(key, to: "ours.minisig")
        try minisign(["-V", "-P", publicKey.base64, "-m", messagePath, "-x", path("ours.minisig")])
        if encrypted {
            try minisign(
                ["-S", "-s", path("ours.key"), "-m", messagePath, "-x", path("bad.minisig")], stdin: "wrong\n",
                expectStatus: 2)
        }
    }

    @Test func weAndMinisignRejectTheSameTampering() throws {
        try minisign(["-G", "-W", "-p", path("m.pub"), "-s", path("m.key")])
        let publicKey = try MinisignPublicKey(fileContents: read("m.pub"))
        try minisign(["-S", "-s", path("m.key"), "-m", messagePath, "-x", path("good.minisig")])
        let good = try MinisignSignature(fileContents: read("good.minisig"))

        // A modified trusted comment.
        var comment = good
        comment.trustedComment = Array("timestamp:0\tfile:other.bin\thashed".utf8)
        try directory.write("comment.minisig", Data(comment.fileContents))
        try minisign(["-V", "-p", path("m.pub"), "-m", messagePath, "-x", path("comment.minisig")], expectStatus: 1)
        #expect(throws: MinisignError.badGlobalSignature) {
            try MinisignVerifier(publicKey: publicKey).verify(comment, fileAt: messagePath)
        }

        // A flipped bit in the file.
        var flipped = message
        flipped[70_000] ^= 0x20
        let flippedPath = try directory.write("flipped.bin", Data(flipped)).path
        try minisign(["-V", "-p", path("m.pub"), "-m", flippedPath, "-x", path("good.minisig")], expectStatus: 1)
        #expect(throws: MinisignError.badSignature) {
            try MinisignVerifier(publicKey: publicKey).verify(good, fileAt: flippedPath)
        }

        // Another key.
        try minisign(["-G", "-W", "-p", path("other.pub"), "-s", path("other.key")])
        let other = try MinisignPublicKey(fileContents: read("other.pub"))
        try minisign(["-V", "-p", path("other.pub"), "-m", messagePath, "-x", path("good.minisig")], expectStatus: 1)
        #expect(throws: MinisignError.keyIDMismatch(signature: good.keyID, publicKey: other.keyID)) {
            try MinisignVerifier(publicKey: other).verify(good, fileAt: messagePath)
        }
    }
}

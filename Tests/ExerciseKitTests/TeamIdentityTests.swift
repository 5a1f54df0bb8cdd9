import AgeFormat
import MinisignFormat
import SodiumKit
import Testing

@testable import ExerciseKit

/// Team identities: the plaintext layout, round trips (plain and passphrase-encrypted),
/// consistency checks and every refusal.
@Suite struct TeamIdentityTests {
    /// Cheap scrypt for tests; `keygen` uses age's default of 18.
    static let workFactor = 10
    static let passphrase = "correct horse battery staple"

    static func secure(_ text: String) throws -> SecureBytes { try SecureBytes(copying: Array(text.utf8)) }

    static func generate(network: String? = "csirts-network") throws -> TeamIdentity {
        try TeamIdentity.generate(team: TeamID("cert-eu"), name: "CERT-EU", network: network.map(NetworkID.init))
    }

    static func lines(_ identity: TeamIdentity) throws -> [String] {
        String(decoding: try identity.plaintext().unsafeCopy, as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    static func bytes(_ lines: [String]) -> [UInt8] { Array(lines.joined(separator: "\n").utf8) }

    func parseError(_ bytes: [UInt8]) -> TeamKeyError? {
        do {
            _ = try TeamIdentity(plaintext: bytes)
            return nil
        } catch {
            return error as? TeamKeyError
        }
    }

    /// Two identities hold the same keys when they open each other's files and sign alike.
    func expectSameKeys(_ a: TeamIdentity, _ b: TeamIdentity) throws {
        #expect(a.card == b.card)
        let message = Array("to cert-eu".utf8)
        let encrypted = try AgeEncryptor(recipients: [a.card.ageRecipient]).encrypt(message)
        #expect(try AgeDecryptor.decrypt(encrypted, identities: [b.ageIdentity]) == message)
        let signature = try MinisignSigner(key: b.signingKey).sign(message: message, trustedComment: "t")
        try MinisignVerifier(publicKey: a.card.minisignPublicKey).verify(signature, message: message)
    }

    @Test func plaintextHasTheV1Layout() throws {
        let identity = try Self.generate()
        let lines = try Self.lines(identity)
        #expect(lines.count == 9)
        #expect(lines[0] == "# commsmap team identity v1")
        #expect(lines[1] == "# team: cert-eu")
        #expect(lines[2] == "# name: CERT-EU")
        #expect(lines[3] == "# network: csirts-network")
        #expect(lines[4] == "# public key: \(identity.card.ageRecipient)")
        #expect(lines[5] == "# minisign public key: \(identity.card.minisignPublicKey.base64)")
        #expect(lines[6].hasPrefix("# minisign secret key: RWQAAEIy"))
        #expect(lines[7].hasPrefix("AGE-SECRET-KEY-1"))
        #expect(lines[8] == "")

        let seckey = try Base64.decode(lines[6].dropFirst("# minisign secret key: ".count))
        #expect(seckey.count == 158)
        #expect(Array(seckey[0..<6]) == Array("Ed".utf8) + [0, 0] + Array("B2".utf8))
        #expect(Array(seckey[54..<62]) == identity.signingKey.keyID.bytes)

        let withoutNetwork = try Self.lines(Self.generate(network: nil))
        #expect(withoutNetwork.count == 8)
        #expect(!withoutNetwork.contains { $0.hasPrefix("# network:") })
    }

    @Test func plaintextIsAnAgeIdentityFile() throws {
        let identity = try Self.generate()
        let plain = try identity.plaintext().unsafeCopy
        let identities = try KeyFile.identities(in: plain, name: "team.key")
        #expect(identities.count == 1)
        #expect(identities.first?.recipient == identity.card.ageRecipient)
    }

    @Test func plaintextRoundTrips() throws {
        for network in ["csirts-network", nil] {
            let identity = try Self.generate(network: network)
            let parsed = try TeamIdentity(plaintext: identity.plaintext())
            try expectSameKeys(identity, parsed)
            #expect(parsed.network?.rawValue == network)
        }
    }

    @Test func nameDefaultsToTheTeamID() throws {
        let identity = try TeamIdentity.generate(team: TeamID("cert-de"))
        #expect(identity.name == "cert-de")
        #expect(identity.network == nil)
    }

    @Test func generatedKeysDiffer() throws {
        let a = try Self.generate()
        let b = try Self.generate()
        #expect(a.card.ageRecipient != b.card.ageRecipient)
        #expect(a.card.minisignPublicKey != b.card.minisignPublicKey)
        #expect(a.card.fingerprint != b.card.fingerprint)
    }

    @Test func plainFileIsThePlaintextAndAsksForNoPassphrase() throws {
        let identity = try Self.generate()
        let file = try identity.fileContents(passphrase: nil).unsafeCopy
        #expect(file == (try identity.plaintext().unsafeCopy))
        #expect(!TeamIdentity.isEncrypted(file))
        let loaded = try TeamIdentity.load(fileContents: file) {
            Issue.record("a plain identity asked for a passphrase")
            return try Self.secure("x")
        }
        try expectSameKeys(identity, loaded)
    }

    @Test func encryptedFileIsArmoredScryptAge() throws {
        let identity = try Self.generate()
        let file = try identity.fileContents(passphrase: Self.secure(Self.passphrase), workFactor: Self.workFactor)
            .unsafeCopy
        #expect(file.starts(with: Array("-----BEGIN AGE ENCRYPTED FILE-----\n".utf8)))
        #expect(TeamIdentity.isEncrypted(file))
        #expect(!TeamIdentity.isPlaintextIdentity(file))
        let decryptor = try AgeDecryptor(source: MemorySource(file))
        #expect(decryptor.isArmored)
        #expect(decryptor.header.stanzas.map(\.type) == ["scrypt"])
        #expect(decryptor.header.stanzas.first?.arguments.last == String(Self.workFactor))

        var asked = 0
        let loaded = try TeamIdentity.load(fileContents: file) {
            asked += 1
            return try Self.secure(Self.passphrase)
        }
        #expect(asked == 1)
        try expectSameKeys(identity, loaded)
    }

    @Test func defaultWorkFactorIsAges() throws {
        let file = try Self.generate().fileContents(passphrase: Self.secure(Self.passphrase)).unsafeCopy
        let header = try AgeDecryptor(source: MemorySource(file)).header
        #expect(header.stanzas.first?.arguments.last == String(ScryptRecipient.defaultWorkFactor))
    }

    @Test func wrongPassphraseIsRefused() throws {
        let file = try Self.generate().fileContents(
            passphrase: Self.secure(Self.passphrase), workFactor: Self.workFactor
        )
        .unsafeCopy
        #expect(throws: TeamKeyError.wrongPassphrase) {
            try TeamIdentity.load(fileContents: file) { try Self.secure("wrong") }
        }
    }

    @Test func passphraseErrorsPassThrough() throws {
        struct Cancelled: Error, Equatable {}
        let file = try Self.generate().fileContents(
            passphrase: Self.secure(Self.passphrase), workFactor: Self.workFactor
        )
        .unsafeCopy
        #expect(throws: Cancelled()) { try TeamIdentity.load(fileContents: file) { throw Cancelled() } }
    }

    @Test func damagedEncryptionIsReported() throws {
        var file = try Self.generate().fileContents(
            passphrase: Self.secure(Self.passphrase), workFactor: Self.workFactor
        )
        .unsafeCopy
        file.removeLast(40)
        #expect {
            try TeamIdentity.load(fileContents: file) { try Self.secure(Self.passphrase) }
        } throws: { ($0 as? TeamKeyError)?.code == "team.unreadable-encryption" }
    }

    @Test func anEncryptedPlainAgeIdentityIsNotATeamIdentity() throws {
        let ageKey = try X25519Identity.generate().encoded() + "\n"
        let file = try AgeEncryptor(
            recipients: [ScryptRecipient(passphrase: Self.secure(Self.passphrase), workFactor: Self.workFactor)],
            armored: true
        ).encrypt(Array(ageKey.utf8))
        #expect {
            try TeamIdentity.load(fileContents: file) { try Self.secure(Self.passphrase) }
        } throws: { error in
            guard case TeamKeyError.notATeamIdentity(let why) = error else { return false }
            return why.contains("plain age identity file")
        }
    }

    @Test func otherFilesAreNotTeamIdentities() {
        for text in ["untrusted comment: minisign\nRWQ\n", "AGE-SECRET-KEY-1X\n", "commsmap_card: 1\n", ""] {
            #expect {
                try TeamIdentity.load(fileContents: Array(text.utf8)) { try Self.secure("x") }
            } throws: { ($0 as? TeamKeyError)?.code == "team.not-an-identity" }
        }
    }

    @Test func mismatchedPublicKeyLinesAreInconsistent() throws {
        let identity = try Self.generate()
        let other = try Self.generate()
        var lines = try Self.lines(identity)
        let otherLines = try Self.lines(other)
        for index in [4, 5] {
            var edited = lines
            edited[index] = otherLines[index]
            #expect(parseError(Self.bytes(edited))?.code == "team.inconsistent-identity", "line \(index + 1)")
        }
        // Both secret keys swapped for another team's: the public lines no longer match.
        lines[6] = otherLines[6]
        lines[7] = otherLines[7]
        #expect(parseError(Self.bytes(lines))?.code == "team.inconsistent-identity")
    }

    @Test func layoutViolationsAreMalformed() throws {
        let lines = try Self.lines(Self.generate())
        var crlf = lines
        crlf[2] += "\r"
        var twoHeaders = lines
        twoHeaders.insert("# team: cert-eu", at: 2)
        let cases: [(String, [String], Int?)] = [
            ("no final line feed", Array(lines.dropLast()), nil),
            ("CR LF", crlf, 3),
            ("team line missing", lines.enumerated().filter { $0.offset != 1 }.map(\.element), 2),
            ("name before team", [lines[0], lines[2], lines[1]] + lines[3...], 2),
            ("repeated line", twoHeaders, 3),
            ("extra line", Array(lines.dropLast()) + ["# comment", ""], 9),
            ("secret key missing", Array(lines[0...6]) + [""], 8),
            ("bad team", [lines[0], "# team: CERT-EU"] + lines[2...], 2),
            ("bad age key", Array(lines[0...6]) + ["AGE-SECRET-KEY-1QQQ", ""], 8),
            ("bad minisign key", Array(lines[0...5]) + ["# minisign secret key: RWQ="] + lines[7...], 7),
        ]
        for (what, edited, line) in cases {
            let error = parseError(Self.bytes(edited))
            #expect(error?.code == "team.malformed-identity", "\(what): \(String(describing: error))")
            #expect(error?.line == line, "\(what)")
        }
    }

    @Test func encryptedMinisignKeyInsideIsRefused() throws {
        let identity = try Self.generate()
        var lines = try Self.lines(identity)
        let encrypted = try MinisignSecretKey.fileContents(
            for: identity.signingKey, passphrase: Self.secure("x"), limits: .minimum)
        let base64 = String(decoding: encrypted, as: UTF8.self).split(separator: "\n")[1]
        lines[6] = "# minisign secret key: \(base64)"
        let error = parseError(Self.bytes(lines))
        #expect(error?.code == "team.malformed-identity")
        #expect(error?.description.contains("unencrypted") == true)
    }

    @Test func otherVersionsAreUnsupported() throws {
        var lines = try Self.lines(Self.generate())
        lines[0] = "# commsmap team identity v2"
        #expect(parseError(Self.bytes(lines)) == .unsupportedVersion(what: "team identity", version: "2"))
    }

    @Test func minisignZeroChecksumKeysAreRead() throws {
        // minisign -W writes an all-zero checksum; a hand-made identity from such a key works.
        let identity = try Self.generate()
        var lines = try Self.lines(identity)
        var seckey = try Base64.decode(lines[6].dropFirst("# minisign secret key: ".count))
        for index in (158 - 32)..<158 { seckey[index] = 0 }
        lines[6] = "# minisign secret key: " + Base64.encode(seckey)
        try expectSameKeys(identity, try TeamIdentity(plaintext: Self.bytes(lines)))
    }
}

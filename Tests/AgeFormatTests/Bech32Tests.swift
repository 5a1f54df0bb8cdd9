import SodiumKit
import Testing

@testable import AgeFormat

@Suite struct Bech32Tests {
    /// The valid strings of BIP173 (checksum constant 1). age has no 90-character limit,
    /// and these have byte-aligned data, so all must decode.
    @Test(arguments: [
        "A12UEL5L", "a12uel5l",
        "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
        "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
        "11" + String(repeating: "q", count: 82) + "c8247j",
        "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w", "?1ezyfcl",
    ])
    func bip173ValidStringsDecode(_ text: String) throws {
        let decoded = try Bech32.decode(Array(text.utf8))
        #expect(String(decoding: decoded.hrp, as: UTF8.self) == String(text[..<text.lastIndex(of: "1")!]))
    }

    /// BIP173's invalid strings (those that are not about length limits, which age drops).
    @Test(arguments: [
        ("\u{20}1nwldj5", Bech32.Failure.invalidCharacter),
        ("\u{7F}1axkwrx", .invalidCharacter),
        ("pzry9x0s0muk", .noSeparator),
        ("1pzry9x0s0muk", .noSeparator),
        ("x1b4n0q5v", .invalidCharacter),
        ("li1dgmt3", .noSeparator),
        ("A1G7SGD8", .badChecksum),
        ("10a06t8", .noSeparator),
        ("1qzzfhee", .noSeparator),
        ("a12UEL5L", .mixedCase),
    ])
    func bip173InvalidStringsFail(_ text: String, _ expected: Bech32.Failure) {
        #expect(throws: expected) { try Bech32.decode(Array(text.utf8)) }
    }

    @Test func longDataRoundTripsWithoutALengthLimit() throws {
        let data = patternBytes(300)
        let text = Bech32.encode(hrp: "age1example", data: data)
        #expect(text.count > 90)
        let decoded = try Bech32.decode(Array(text.utf8))
        #expect(decoded.data == data)
        #expect(decoded.hrp == Array("age1example".utf8))
    }

    @Test func nonZeroPaddingBitsAreRejected() throws {
        // 32 bytes take 52 five-bit groups with 4 bits of padding; set one of them.
        var values = [UInt8](repeating: 0, count: 52)
        values[51] = 1
        let text = Bech32.encode(hrp: "age", values: values)
        #expect(throws: Bech32.Failure.badPadding) { try Bech32.decode(Array(text.utf8)) }
        values[51] = 0
        #expect(try Bech32.decode(Array(Bech32.encode(hrp: "age", values: values).utf8)).data.count == 32)
    }

    @Test func aSingleChangedCharacterBreaksTheChecksum() throws {
        let recipient = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj"
        var bytes = Array(recipient.utf8)
        bytes[20] = bytes[20] == UInt8(ascii: "q") ? UInt8(ascii: "p") : UInt8(ascii: "q")
        #expect(throws: Bech32.Failure.badChecksum) { try Bech32.decode(bytes) }
    }
}

@Suite struct X25519KeyTests {
    /// The example pair of the age specification.
    static let specIdentity = "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX"
    static let specRecipient = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj"

    @Test func specIdentityGivesSpecRecipient() throws {
        let identity = try X25519Identity(parsing: Self.specIdentity)
        #expect(identity.recipient.description == Self.specRecipient)
        #expect(identity.encoded() == Self.specIdentity)
        #expect(try X25519Recipient(parsing: Self.specRecipient) == identity.recipient)
    }

    @Test func generatedKeysRoundTrip() throws {
        let identity = try X25519Identity.generate()
        let text = identity.encoded()
        #expect(text.hasPrefix("AGE-SECRET-KEY-1") && text.count == 74)
        #expect(try X25519Identity(parsing: text).recipient == identity.recipient)
        let recipient = identity.recipient.description
        #expect(recipient.hasPrefix("age1") && recipient.count == 62)
        #expect(try X25519Recipient(parsing: recipient) == identity.recipient)
    }

    @Test func caseRules() {
        // Identities are uppercase, recipients lowercase; mixed case is never valid.
        #expect(throws: AgeError.self) { try X25519Identity(parsing: Self.specIdentity.lowercased()) }
        #expect(throws: AgeError.self) { try X25519Recipient(parsing: Self.specRecipient.uppercased()) }
        var mixed = Self.specRecipient
        mixed.replaceSubrange(mixed.startIndex..<mixed.index(after: mixed.startIndex), with: "A")
        #expect(throws: AgeError.self) { try X25519Recipient(parsing: mixed) }
        // A recipient is not an identity and the other way round.
        #expect(throws: AgeError.self) { try X25519Identity(parsing: Self.specRecipient) }
        #expect(throws: AgeError.self) { try X25519Recipient(parsing: Self.specIdentity) }
    }

    @Test func wrongKeyLengthIsRejected() {
        let short = Bech32.encode(hrp: "age", data: patternBytes(31))
        #expect(throws: AgeError.self) { try X25519Recipient(parsing: short) }
        let long = Bech32.encode(hrp: "AGE-SECRET-KEY-", data: patternBytes(33))
        #expect(throws: AgeError.self) { try X25519Identity(parsing: long) }
    }

    @Test(arguments: [
        ("age1pq", "mlkem768x25519"), ("age1tag", "p256tag"), ("age1tagpq", "mlkem768p256tag"),
        ("age1yubikey", "plugin yubikey"),
    ])
    func unsupportedRecipientKindsAreNamed(_ hrp: String, _ kind: String) throws {
        let text = Bech32.encode(hrp: hrp, data: patternBytes(40))
        #expect {
            try AgeKeyParser.recipient(text)
        } throws: { error in
            guard case AgeError.unsupportedRecipientType(let named) = error else { return false }
            return named.hasPrefix(kind)
        }
    }

    @Test(arguments: [
        ("AGE-SECRET-KEY-PQ-", "mlkem768x25519"), ("AGE-PLUGIN-YUBIKEY-", "plugin yubikey"),
        ("AGE-PLUGIN-TAG-", "p256tag"),
    ])
    func unsupportedIdentityKindsAreNamed(_ hrp: String, _ kind: String) throws {
        let text = Bech32.encode(hrp: hrp, data: patternBytes(32))
        #expect {
            try AgeKeyParser.identity(Array(text.utf8))
        } throws: { error in
            guard case AgeError.unsupportedRecipientType(let named) = error else { return false }
            return named.hasPrefix(kind)
        }
    }

    @Test func sshKeysAreUnsupportedNotMalformed() {
        #expect {
            try AgeKeyParser.recipient(
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHsKLqeplhpW+uObz5dvMgjz1OxfM/XXUB+VHtZ6isGN")
        } throws: { error in
            if case AgeError.unsupportedRecipientType = error { return true }
            return false
        }
    }

    @Test func lowOrderRecipientCannotBeEncryptedTo() throws {
        let zero = try X25519Recipient(publicKey: [UInt8](repeating: 0, count: 32))
        #expect {
            _ = try AgeEncryptor(recipients: [zero]).encrypt([1, 2, 3])
        } throws: { error in
            if case AgeError.invalidRecipients = error { return true }
            return false
        }
    }
}

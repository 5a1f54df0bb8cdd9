import AgeFormat
import MinisignFormat
import SodiumKit
import Testing

@testable import ExerciseKit

/// Cards: the exact bytes, round trips, the fingerprint and every refusal.
@Suite struct TeamCardTests {
    /// The recipient of age's specification and the public key of minisign's README: fixed
    /// public keys for known answers.
    static let recipient = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"
    static let minisignKey = "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3"
    /// Computed independently with Python:
    /// `hashlib.sha256(("commsmap-card-v1\n" + r + "\n" + m + "\n").encode())`, base64
    /// without padding.
    static let fingerprint = "SHA256:LjErajS65QsdqCsORBXDIRZ4jDM8DlGm8Kq0S+YRh/U"

    static func knownCard(name: String = "CERT-EU", network: String? = "csirts-network") throws -> TeamCard {
        try TeamCard(
            team: TeamID("cert-eu"), name: name, network: network.map(NetworkID.init),
            ageRecipient: X25519Recipient(parsing: recipient), minisignPublicKey: MinisignPublicKey(base64: minisignKey)
        )
    }

    static func text(
        version: String = "1", team: String = "cert-eu", name: String = "CERT-EU", network: String? = "csirts-network",
        recipient: String = recipient, key: String = minisignKey, fingerprint: String = fingerprint,
        extra: String = ""
    ) -> [UInt8] {
        var lines = ["commsmap_card: \(version)", "team: \(team)", "name: \(name)"]
        if let network { lines.append("network: \(network)") }
        lines += ["age_recipient: \(recipient)", "minisign_public_key: \(key)", "fingerprint: \(fingerprint)"]
        return Array((lines.joined(separator: "\n") + "\n" + extra).utf8)
    }

    func parseError(_ bytes: [UInt8]) -> TeamKeyError? {
        do {
            _ = try TeamCard(fileContents: bytes)
            return nil
        } catch {
            return error as? TeamKeyError
        }
    }

    @Test func fingerprintIsTheKnownAnswer() throws {
        #expect(try Self.knownCard().fingerprint == Self.fingerprint)
    }

    @Test func fileBytesAreExactlyTheFormat() throws {
        let card = try Self.knownCard()
        #expect(Array(card.fileContents.utf8) == Self.text())
        let withoutNetwork = try Self.knownCard(network: nil)
        #expect(Array(withoutNetwork.fileContents.utf8) == Self.text(network: nil))
    }

    @Test func roundTrips() throws {
        for network in ["csirts-network", nil] {
            let card = try Self.knownCard(network: network)
            let parsed = try TeamCard(fileContents: Array(card.fileContents.utf8))
            #expect(parsed == card)
            #expect(parsed.network?.rawValue == network)
        }
    }

    @Test(arguments: [
        "yes", "No", "null", "123", "1e3", "a: b", "x #y", "\"quoted\"", "back\\slash", "- dash", "[list]",
        "{map}", "&anchor", "*alias", "!tag", "%directive", "@at", "`tick`", "Bundesamt für Sicherheit", "CERT-EU",
        "x:y", "'single'", "trailing:",
    ])
    func namesSurviveYAML(_ name: String) throws {
        let card = try Self.knownCard(name: name)
        let parsed = try TeamCard(fileContents: Array(card.fileContents.utf8))
        #expect(parsed.name == name)
    }

    @Test func plainNamesStayPlainAndTrickyOnesAreQuoted() throws {
        #expect(try Self.knownCard(name: "CERT-EU").yamlLines[2] == "name: CERT-EU")
        #expect(try Self.knownCard(name: "yes").yamlLines[2] == "name: \"yes\"")
        #expect(try Self.knownCard(name: "a \"b\" \\c").yamlLines[2] == #"name: "a \"b\" \\c""#)
    }

    @Test func acceptsOrdinaryYAMLVariations() throws {
        let reordered = """
            # the card of CERT-EU
            ---
            fingerprint: \(Self.fingerprint)
            name: 'CERT-EU'
            team: "cert-eu"
            commsmap_card: 1
            age_recipient: \(Self.recipient)   # for encrypt -R
            minisign_public_key: \(Self.minisignKey)
            network: csirts-network
            """
        #expect(try TeamCard(fileContents: Array(reordered.utf8)) == Self.knownCard())
    }

    @Test func tamperedFingerprintIsRefused() throws {
        var fingerprint = Array(Self.fingerprint)
        fingerprint[10] = fingerprint[10] == "A" ? "B" : "A"
        let error = parseError(Self.text(fingerprint: String(fingerprint)))
        #expect(error == .fingerprintMismatch(team: "cert-eu", stated: String(fingerprint), computed: Self.fingerprint))
        #expect(error?.description.contains("altered or damaged") == true)
    }

    @Test func swappedKeysAreRefusedByTheFingerprint() throws {
        let other = try X25519Identity.generate().recipient.description
        #expect(parseError(Self.text(recipient: other))?.code == "team.fingerprint-mismatch")
        let otherKey = try MinisignSigningKey.generate().publicKey.base64
        #expect(parseError(Self.text(key: otherKey))?.code == "team.fingerprint-mismatch")
    }

    @Test func teamNameAndNetworkAreNotCoveredByTheFingerprint() throws {
        // Documented: the roster's signature covers these, not the fingerprint.
        let renamed = try TeamCard(fileContents: Self.text(team: "cert-fr", name: "CERT-FR", network: nil))
        #expect(renamed.team.rawValue == "cert-fr")
        #expect(renamed.fingerprint == Self.fingerprint)
    }

    @Test func malformedFingerprintIsMalformed() {
        for bad in [
            "LjErajS65QsdqCsORBXDIRZ4jDM8DlGm8Kq0S+YRh/U", "SHA256:short",
            "sha256:" + String(repeating: "A", count: 43),
        ] {
            #expect(parseError(Self.text(fingerprint: bad))?.code == "team.malformed-card")
        }
    }

    @Test func refusals() {
        let cases: [(String, [UInt8], String)] = [
            ("version 2", Self.text(version: "2"), "team.unsupported-version"),
            ("no version", Array(Self.text().drop { $0 != 10 }.dropFirst()), "team.malformed-card"),
            ("unknown key", Self.text(extra: "email: cert@example.eu\n"), "team.malformed-card"),
            ("duplicate key", Self.text(extra: "team: cert-eu\n"), "team.malformed-card"),
            ("bad team id", Self.text(team: "CERT-EU"), "team.malformed-card"),
            ("bad network", Self.text(network: "Net"), "team.malformed-card"),
            ("uppercase recipient", Self.text(recipient: Self.recipient.uppercased()), "team.malformed-card"),
            ("post-quantum recipient", Self.text(recipient: "age1pq1abc"), "team.malformed-card"),
            ("bad minisign key", Self.text(key: "RWQ="), "team.malformed-card"),
            ("list value", Self.text(name: "[a, b]"), "team.malformed-card"),
            ("not a mapping", Array("- a\n- b\n".utf8), "team.malformed-card"),
            ("not YAML", Array("a: [\n".utf8), "team.malformed-card"),
            ("empty", [], "team.malformed-card"),
            ("not UTF-8", [0x61, 0x3a, 0x20, 0xff, 0x0a], "team.malformed-card"),
            ("too large", Self.text(extra: "#" + String(repeating: "x", count: 70_000) + "\n"), "team.malformed-card"),
        ]
        for (what, bytes, code) in cases {
            #expect(parseError(bytes)?.code == code, "\(what)")
        }
    }

    @Test func errorsCarryTheLine() {
        let error = parseError(Self.text(extra: "email: x\n"))
        #expect(error?.line == 8)
        #expect(parseError(Self.text(team: "Bad"))?.line == 2)
    }

    @Test func recognisesCardsByContent() throws {
        #expect(TeamCard.looksLikeCard(Self.text()))
        #expect(TeamCard.looksLikeCard(Array("# comment\ncommsmap_card: 1\n".utf8)))
        #expect(!TeamCard.looksLikeCard(Array("\(Self.recipient)\n".utf8)))
        #expect(!TeamCard.looksLikeCard(Array("untrusted comment: x\nRWQ\n".utf8)))
    }
}

import CommsMapTestSupport
import Foundation
import Testing

/// Team identities and cards in every key option: `encrypt -R`, `decrypt -i`, `sign -s`,
/// `verify -p`, with exit codes and messages for the mistakes users make.
@Suite struct TeamKeyOptionTests {
    /// Encrypts message.txt to `card` (plus any extra recipient options) into `output`.
    func encrypt(_ work: TeamKeyWorkspace, to cards: [String], output: String = "message.age") throws -> ProcessResult {
        try work.commsmap(
            ["encrypt"] + cards.flatMap { ["-R", work.path($0)] } + [
                "-a", "-o", work.path(output), work.path("message.txt"),
            ])
    }

    @Test(arguments: [false, true])
    func encryptToCardDecryptWithIdentity(encrypted: Bool) throws {
        let work = try TeamKeyWorkspace("team-options")
        try work.keygen("cert-eu", encrypted: encrypted)
        let made = try encrypt(work, to: ["cert-eu.card.yaml"])
        #expect(made.status == 0, "\(made.stderrText)")
        let result = try work.commsmap(
            [
                "decrypt", "-i", work.path("cert-eu.key"), "--passphrase-file", work.path("pass"),
                work.path("message.age"),
            ])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdout == Data(try work.text("message.txt").utf8))
    }

    @Test func cardsAndAgeRecipientFilesMix() throws {
        let work = try TeamKeyWorkspace("team-options")
        try work.keygen("cert-eu")
        try work.keygen("cert-de")
        let made = try encrypt(work, to: ["cert-eu.card.yaml", "cert-de.card.yaml"])
        #expect(made.status == 0, "\(made.stderrText)")
        for team in ["cert-eu", "cert-de"] {
            let result = try work.commsmap(["decrypt", "-i", work.path("\(team).key"), work.path("message.age")])
            #expect(result.status == 0, "\(team): \(result.stderrText)")
        }
        try work.keygen("cert-fr")
        let other = try work.commsmap(["decrypt", "-i", work.path("cert-fr.key"), work.path("message.age")])
        #expect(other.status == 1)
        #expect(other.stderrText.contains("no identity matched"))
    }

    @Test(arguments: [false, true])
    func signWithIdentityVerifyWithCard(encrypted: Bool) throws {
        let work = try TeamKeyWorkspace("team-options")
        try work.keygen("cert-eu", encrypted: encrypted)
        let signed = try work.commsmap([
            "sign", "-s", work.path("cert-eu.key"), "--passphrase-file", work.path("pass"), "-t", "exercise 1",
            work.path("message.txt"),
        ])
        #expect(signed.status == 0, "\(signed.stderrText)")
        let verified = try work.commsmap(["verify", "-p", work.path("cert-eu.card.yaml"), work.path("message.txt")])
        #expect(verified.status == 0, "\(verified.stderrText)")
        #expect(verified.stdoutText == "Signature and comment signature verified\nTrusted comment: exercise 1\n")

        try work.keygen("cert-de")
        let wrongTeam = try work.commsmap(["verify", "-p", work.path("cert-de.card.yaml"), work.path("message.txt")])
        #expect(wrongTeam.status == 1)
        #expect(wrongTeam.stderrText.contains("key id mismatch"))

        try work.directory.write("message.txt", "a changed message\n")
        let changed = try work.commsmap(["verify", "-p", work.path("cert-eu.card.yaml"), work.path("message.txt")])
        #expect(changed.status == 1)
        #expect(changed.stderrText.contains("bad signature"))
    }

    @Test func wrongPassphraseCannotRun() throws {
        let work = try TeamKeyWorkspace("team-options")
        try work.keygen("cert-eu", encrypted: true)
        #expect(try encrypt(work, to: ["cert-eu.card.yaml"]).status == 0)

        let signed = try work.commsmap([
            "sign", "-s", work.path("cert-eu.key"), "--passphrase-file", work.path("wrong-pass"),
            work.path("message.txt"),
        ])
        #expect(signed.status == 2)
        #expect(signed.stderrText.contains("wrong passphrase for the team identity [team.wrong-passphrase]"))
        #expect(!work.exists("message.txt.minisig"))

        let decrypted = try work.commsmap([
            "decrypt", "-i", work.path("cert-eu.key"), "--passphrase-file", work.path("wrong-pass"), "-o",
            work.path("out.txt"), work.path("message.age"),
        ])
        #expect(decrypted.status == 2)
        #expect(decrypted.stderrText.contains("wrong passphrase for the encrypted identity file"))
        #expect(!work.exists("out.txt"))
    }

    @Test(arguments: [0o640, 0o604, 0o644])
    func groupOrWorldReadableIdentityIsRefused(mode: Int) throws {
        let work = try TeamKeyWorkspace("team-options")
        try work.keygen("cert-eu")
        #expect(try encrypt(work, to: ["cert-eu.card.yaml"]).status == 0)
        try AgeCLI.setMode(mode, work.directory.path("cert-eu.key"))
        for arguments in [
            ["sign", "-s", work.path("cert-eu.key"), work.path("message.txt")],
            ["decrypt", "-i", work.path("cert-eu.key"), work.path("message.age")],
        ] {
            let result = try work.commsmap(arguments)
            #expect(result.status == 2, "\(arguments[0])")
            #expect(result.stderrText.contains("is readable by group or others"), "\(arguments[0])")
            #expect(result.stderrText.contains("hint: chmod 600"), "\(arguments[0])")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func tamperedCardFingerprintIsRefused() throws {
        let work = try TeamKeyWorkspace("team-options")
        try work.keygen("cert-eu")
        #expect(try work.commsmap(["sign", "-s", work.path("cert-eu.key"), work.path("message.txt")]).status == 0)
        try work.editCard("cert-eu.card.yaml", "fingerprint") { value in
            var characters = Array(value)
            characters[20] = characters[20] == "A" ? "B" : "A"
            return String(characters)
        }
        let encrypted = try encrypt(work, to: ["cert-eu.card.yaml"])
        #expect(encrypted.status == 2)
        #expect(encrypted.stderrText.contains("does not match its keys"))
        #expect(encrypted.stderrText.contains("[team.fingerprint-mismatch]"))
        #expect(encrypted.stderrText.contains("hint: get the card again"))
        #expect(!work.exists("message.age"))

        let verified = try work.commsmap(["verify", "-p", work.path("cert-eu.card.yaml"), work.path("message.txt")])
        #expect(verified.status == 2)
        #expect(verified.stderrText.contains("[team.fingerprint-mismatch]"))
        #expect(verified.stdout.isEmpty)
    }

    @Test func cardWithSomeoneElsesKeyIsRefused() throws {
        // Replacing the age recipient (e.g. by an attacker's) without a matching fingerprint.
        let work = try TeamKeyWorkspace("team-options")
        try work.keygen("cert-eu")
        try work.keygen("mallory")
        let theirs = try work.cardValue("age_recipient", of: "mallory.card.yaml")
        try work.editCard("cert-eu.card.yaml", "age_recipient") { _ in theirs }
        let result = try encrypt(work, to: ["cert-eu.card.yaml"])
        #expect(result.status == 2)
        #expect(result.stderrText.contains("cert-eu.card.yaml: the fingerprint of the card of team \"cert-eu\""))
    }

    @Test func malformedCardNamesTheLine() throws {
        let work = try TeamKeyWorkspace("team-options")
        try work.keygen("cert-eu")
        try work.directory.write("cert-eu.card.yaml", try work.text("cert-eu.card.yaml") + "email: x@example.eu\n")
        let result = try work.commsmap(["verify", "-p", work.path("cert-eu.card.yaml"), work.path("message.txt")])
        #expect(result.status == 2)
        #expect(result.stderrText.contains("cert-eu.card.yaml:7: malformed team card: unknown key 'email'"))
    }

    @Test func publicAndSecretMixUpsAreNamed() throws {
        let work = try TeamKeyWorkspace("team-options")
        try work.keygen("cert-eu")
        try work.keygen("cert-de", encrypted: true)
        #expect(try encrypt(work, to: ["cert-eu.card.yaml"]).status == 0)
        let cases: [([String], String)] = [
            (["sign", "-s", work.path("cert-eu.card.yaml"), work.path("message.txt")], "is a team card"),
            (["decrypt", "-i", work.path("cert-eu.card.yaml"), work.path("message.age")], "is a team card"),
            (["encrypt", "-R", work.path("cert-eu.key"), work.path("message.txt")], "is a secret identity"),
            (["encrypt", "-R", work.path("cert-de.key"), work.path("message.txt")], "is a secret identity"),
            (["verify", "-p", work.path("cert-eu.key"), work.path("message.txt")], "is a secret team identity"),
        ]
        for (arguments, message) in cases {
            let result = try work.commsmap(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderrText.contains(message), "\(arguments): \(result.stderrText)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func unrecognisedFilesGetAHint() throws {
        let work = try TeamKeyWorkspace("team-options")
        try work.directory.write("junk", "not a key\n")
        try AgeCLI.setMode(0o600, work.directory.path("junk"))
        let cases: [([String], String)] = [
            (
                ["sign", "-s", work.path("junk"), work.path("message.txt")],
                "-s takes minisign secret keys and commsmap team identities"
            ),
            (
                ["verify", "-p", work.path("junk"), work.path("message.txt")],
                "-p takes minisign public keys and commsmap team cards"
            ),
            (["encrypt", "-R", work.path("junk"), work.path("message.txt")], "-R takes age recipients files"),
            (["decrypt", "-i", work.path("junk"), work.path("message.txt")], "-i takes age identity files"),
        ]
        for (arguments, hint) in cases {
            let result = try work.commsmap(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderrText.contains("hint: \(hint)"), "\(arguments): \(result.stderrText)")
        }
    }

    @Test func anEditedIdentityIsInconsistent() throws {
        let work = try TeamKeyWorkspace("team-options")
        try work.keygen("cert-eu")
        try work.keygen("cert-de")
        let theirs = try work.text("cert-de.key").split(separator: "\n")
        var ours = try work.text("cert-eu.key").split(separator: "\n").map(String.init)
        ours[3] = String(theirs[3])  // the public key line
        try work.directory.write("cert-eu.key", ours.joined(separator: "\n") + "\n")
        try AgeCLI.setMode(0o600, work.directory.path("cert-eu.key"))
        let result = try work.commsmap(["sign", "-s", work.path("cert-eu.key"), work.path("message.txt")])
        #expect(result.status == 2)
        #expect(result.stderrText.contains("inconsistent team identity"))
        #expect(result.stderrText.contains("[team.inconsistent-identity]"))
    }
}

import CommsMapTestSupport
import Foundation
import Testing

/// `commsmap keygen` end to end: the files it writes, their modes, the defaults, refusals
/// and usage errors.
@Suite struct KeygenCommandTests {
    static let cardKeys = [
        "commsmap_card", "team", "name", "network", "age_recipient", "minisign_public_key", "fingerprint",
    ]

    @Test func plainIdentityAndCardOnStdout() throws {
        let work = try TeamKeyWorkspace("keygen")
        let result = try work.commsmap([
            "keygen", "-o", work.path("cert-eu.key"), "--name", "CERT-EU", "--network", "csirts-network",
            "--no-passphrase",
        ])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stderr.isEmpty)

        let card = result.stdoutText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(card.count == 8)
        #expect(card.last == "")
        #expect(card.dropLast().map { String($0.prefix { $0 != ":" }) } == Self.cardKeys)
        #expect(card[0] == "commsmap_card: 1")
        #expect(card[1] == "team: cert-eu")
        #expect(card[2] == "name: CERT-EU")
        #expect(card[3] == "network: csirts-network")
        #expect(card[6].hasPrefix("fingerprint: SHA256:"))

        let identity = try work.text("cert-eu.key").split(separator: "\n").map(String.init)
        #expect(identity.count == 8)
        #expect(identity[0] == "# commsmap team identity v1")
        #expect(identity[1] == "# team: cert-eu")
        #expect(identity[2] == "# name: CERT-EU")
        #expect(identity[3] == "# network: csirts-network")
        #expect(identity[4] == "# public key: " + card[4].dropFirst("age_recipient: ".count))
        #expect(identity[5] == "# minisign public key: " + card[5].dropFirst("minisign_public_key: ".count))
        #expect(identity[6].hasPrefix("# minisign secret key: RWQAAEIy"))
        #expect(identity[7].hasPrefix("AGE-SECRET-KEY-1"))
        #expect(try work.mode("cert-eu.key") == 0o600)
    }

    @Test func cardOutAndDefaults() throws {
        let work = try TeamKeyWorkspace("keygen")
        let result = try work.commsmap([
            "keygen", "-o", work.path("cert-de.key"), "--card-out", work.path("de.yaml"), "--no-passphrase",
        ])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdout.isEmpty)
        let card = try work.text("de.yaml")
        #expect(card.hasPrefix("commsmap_card: 1\nteam: cert-de\nname: cert-de\nage_recipient: age1"))
        #expect(!card.contains("network:"))
        #expect(try work.mode("de.yaml") == 0o644)
        #expect(try work.mode("cert-de.key") == 0o600)
        #expect(try work.listing() == ["cert-de.key", "de.yaml", "message.txt", "pass", "wrong-pass"])
    }

    @Test func teamOptionOverridesTheFileName() throws {
        let work = try TeamKeyWorkspace("keygen")
        let result = try work.commsmap([
            "keygen", "--team", "cert-fr", "-o", work.path("Team Key.age"), "--no-passphrase",
        ])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains("\nteam: cert-fr\n"))
        #expect(try work.text("Team Key.age").contains("# team: cert-fr\n"))
    }

    @Test func namesThatNeedQuotingAreQuotedInTheCard() throws {
        let work = try TeamKeyWorkspace("keygen")
        let result = try work.commsmap(["keygen", "-o", work.path("t.key"), "--name", "yes", "--no-passphrase"])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains("\nname: \"yes\"\n"))
        #expect(try work.text("t.key").contains("\n# name: yes\n"))
    }

    @Test func identityToStdoutWithCardOut() throws {
        let work = try TeamKeyWorkspace("keygen")
        let result = try work.commsmap([
            "keygen", "--team", "cert-eu", "--card-out", work.path("card.yaml"), "--no-passphrase",
        ])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.hasPrefix("# commsmap team identity v1\n# team: cert-eu\n"))
        #expect(try work.text("card.yaml").hasPrefix("commsmap_card: 1\nteam: cert-eu\n"))
    }

    @Test func passphraseFileEncryptsTheIdentity() throws {
        let work = try TeamKeyWorkspace("keygen")
        try work.keygen("cert-eu", encrypted: true)
        let file = try work.text("cert-eu.key")
        #expect(file.hasPrefix("-----BEGIN AGE ENCRYPTED FILE-----\n"))
        #expect(file.hasSuffix("-----END AGE ENCRYPTED FILE-----\n"))
        #expect(!file.contains("AGE-SECRET-KEY"))
        #expect(try work.mode("cert-eu.key") == 0o600)
        // The header's stanza is scrypt at age's default work factor (18).
        let armorLines = file.split(separator: "\n")
        let header = try #require(Data(base64Encoded: String(armorLines[1] + armorLines[2])))
        let stanza = String(decoding: header, as: UTF8.self).split(separator: "\n")[1]
        #expect(stanza.hasPrefix("-> scrypt "))
        #expect(stanza.hasSuffix(" 18"))
    }

    @Test func refusesToOverwriteTheIdentity() throws {
        let work = try TeamKeyWorkspace("keygen")
        try work.directory.write("cert-eu.key", "precious\n")
        let result = try work.commsmap(["keygen", "-o", work.path("cert-eu.key"), "--no-passphrase"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrText.contains("cert-eu.key already exists; refusing to overwrite it"))
        #expect(try work.text("cert-eu.key") == "precious\n")
        #expect(try work.listing() == ["cert-eu.key", "message.txt", "pass", "wrong-pass"])
    }

    @Test func refusesToOverwriteTheCardAndWritesNoIdentity() throws {
        let work = try TeamKeyWorkspace("keygen")
        try work.directory.write("card.yaml", "someone else's card\n")
        let result = try work.commsmap([
            "keygen", "-o", work.path("cert-eu.key"), "--card-out", work.path("card.yaml"), "--no-passphrase",
        ])
        #expect(result.status == 2)
        #expect(result.stderrText.contains("card.yaml already exists"))
        #expect(!work.exists("cert-eu.key"))
        #expect(try work.text("card.yaml") == "someone else's card\n")
    }

    @Test(.enabled(if: AgeCLI.python != nil, "needs python3 for a pseudo-terminal"))
    func passphraseAskedTwiceOnTheTerminal() throws {
        let work = try TeamKeyWorkspace("keygen")
        let result = try AgeCLI.withTerminal(
            passphrase: TeamKeyWorkspace.passphrase,
            [
                TestPaths.commsmapBinary.path, "keygen", "-o", work.path("cert-eu.key"), "--card-out",
                work.path("cert-eu.card.yaml"),
            ])
        #expect(result.status == 0, "\(result.stdoutText)")
        #expect(result.stdoutText.contains("Enter passphrase for the new team identity"))
        #expect(result.stdoutText.contains("Confirm passphrase"))
        #expect(!result.stdoutText.contains(TeamKeyWorkspace.passphrase), "the passphrase was echoed")
        #expect(try work.text("cert-eu.key").hasPrefix("-----BEGIN AGE ENCRYPTED FILE-----"))
        // The typed passphrase opens it.
        let signed = try work.commsmap([
            "sign", "-s", work.path("cert-eu.key"), "--passphrase-file", work.path("pass"), work.path("message.txt"),
        ])
        #expect(signed.status == 0, "\(signed.stderrText)")
    }

    @Test(.enabled(if: ProcessRunner.which("setsid") != nil, "needs setsid"))
    func noTerminalAndNoPassphraseFileCannotRun() throws {
        let work = try TeamKeyWorkspace("keygen")
        // A new session has no controlling terminal, so /dev/tty cannot be opened.
        let result = try ProcessRunner.run(
            try #require(ProcessRunner.which("setsid")),
            ["-w", TestPaths.commsmapBinary.path, "keygen", "-o", work.path("cert-eu.key")])
        #expect(result.status == 2)
        #expect(result.stderrText.contains("no terminal to ask on; use --passphrase-file"))
        #expect(!work.exists("cert-eu.key"))
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [
        (["--no-passphrase"], "--team"),
        (["--team", "cert-eu", "--no-passphrase"], "both go to standard output"),
        (["-o", "CERT-EU.key", "--no-passphrase"], "taken from the name"),
        (["--team", "cert_eu", "-o", "x.key", "--no-passphrase"], "not a valid team id"),
        (["-o", "x.key", "--network", "CSIRTs", "--no-passphrase"], "not a valid network id"),
        (["-o", "x.key", "--name", "two\nlines", "--no-passphrase"], "invalid team name"),
        (["-o", "x.key", "--name", "", "--no-passphrase"], "invalid team name"),
        (["-o", "x.key", "--passphrase-file", "pass", "--no-passphrase"], "cannot be used together"),
        (["-o", "x.key", "--card-out", "x.key", "--no-passphrase"], "same file"),
    ])
    func usageErrors(arguments: [String], message: String) throws {
        let work = try TeamKeyWorkspace("keygen")
        let result = try work.commsmap(["keygen"] + arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderrText)")
        #expect(result.stderrText.contains(message), "\(arguments): \(result.stderrText)")
        #expect(result.stdout.isEmpty)
        #expect(try work.listing() == ["message.txt", "pass", "wrong-pass"])
    }
}

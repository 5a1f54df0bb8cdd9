import CommsMapTestSupport
import Foundation
import Testing

/// Team identities with the real tools: `age -d -i team.key` opens what `encrypt -R card`
/// wrote (plain identity, and passphrase-protected through a pseudo-terminal), and
/// `minisign -V` checks what `sign -s team.key` signed against the key from the card.
@Suite struct TeamKeyInteropTests {
    static let minisign = ProcessRunner.which("minisign")

    @Test(.enabled(if: AgeCLI.age != nil, "needs age"))
    func ageDecryptsWithAPlainTeamIdentity() throws {
        let work = try TeamKeyWorkspace("team-interop")
        try work.keygen("cert-eu")
        let plaintext = AgeCLI.pattern(100_000, seed: 5)
        try work.directory.write("big.bin", plaintext)
        let made = try work.commsmap([
            "encrypt", "-R", work.path("cert-eu.card.yaml"), "-o", work.path("big.age"), work.path("big.bin"),
        ])
        try #require(made.status == 0, "\(made.stderrText)")
        let result = try AgeCLI.runAge(["-d", "-i", work.path("cert-eu.key"), work.path("big.age")])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdout == plaintext)
    }

    @Test(.enabled(if: AgeCLI.age != nil && AgeCLI.python != nil, "needs age and python3 for a pseudo-terminal"))
    func ageDecryptsWithAPassphraseProtectedTeamIdentity() throws {
        let work = try TeamKeyWorkspace("team-interop")
        try work.keygen("cert-eu", encrypted: true)
        let made = try work.commsmap([
            "encrypt", "-R", work.path("cert-eu.card.yaml"), "-a", "-o", work.path("m.age"), work.path("message.txt"),
        ])
        try #require(made.status == 0, "\(made.stderrText)")
        let result = try AgeCLI.withTerminal(
            passphrase: TeamKeyWorkspace.passphrase,
            [
                try #require(AgeCLI.age).path, "-d", "-i", work.path("cert-eu.key"), "-o", work.path("out.txt"),
                work.path("m.age"),
            ])
        #expect(result.status == 0, "\(result.stdoutText)")
        #expect(try work.text("out.txt") == work.text("message.txt"))

        // A wrong passphrase fails in age too.
        let wrong = try AgeCLI.withTerminal(
            passphrase: "wrong",
            [
                try #require(AgeCLI.age).path, "-d", "-i", work.path("cert-eu.key"), "-o", work.path("out2.txt"),
                work.path("m.age"),
            ])
        #expect(wrong.status != 0)
        #expect(!work.exists("out2.txt"))
    }

    @Test(.enabled(if: AgeCLI.python != nil, "needs python3 for a pseudo-terminal"))
    func commsmapAsksForTheIdentityPassphraseOnTheTerminal() throws {
        let work = try TeamKeyWorkspace("team-interop")
        try work.keygen("cert-eu", encrypted: true)
        let made = try work.commsmap([
            "encrypt", "-R", work.path("cert-eu.card.yaml"), "-o", work.path("m.age"), work.path("message.txt"),
        ])
        try #require(made.status == 0, "\(made.stderrText)")
        let decrypted = try AgeCLI.withTerminal(
            passphrase: TeamKeyWorkspace.passphrase,
            [
                TestPaths.commsmapBinary.path, "decrypt", "-i", work.path("cert-eu.key"), "-o", work.path("out.txt"),
                work.path("m.age"),
            ])
        #expect(decrypted.status == 0, "\(decrypted.stdoutText)")
        #expect(try work.text("out.txt") == work.text("message.txt"))
        let signed = try AgeCLI.withTerminal(
            passphrase: TeamKeyWorkspace.passphrase,
            [TestPaths.commsmapBinary.path, "sign", "-s", work.path("cert-eu.key"), work.path("message.txt")])
        #expect(signed.status == 0, "\(signed.stdoutText)")
        #expect(work.exists("message.txt.minisig"))
    }

    @Test(.enabled(if: minisign != nil, "needs minisign"))
    func minisignVerifiesATeamSignatureWithTheKeyFromTheCard() throws {
        let work = try TeamKeyWorkspace("team-interop")
        try work.keygen("cert-eu", encrypted: true)
        let signed = try work.commsmap([
            "sign", "-s", work.path("cert-eu.key"), "--passphrase-file", work.path("pass"), "-t", "from cert-eu",
            work.path("message.txt"),
        ])
        try #require(signed.status == 0, "\(signed.stderrText)")
        let key = try work.cardValue("minisign_public_key", of: "cert-eu.card.yaml")
        try work.directory.write("cert-eu.pub", "untrusted comment: cert-eu from its card\n\(key)\n")

        let minisign = try #require(Self.minisign)
        let verified = try ProcessRunner.run(
            minisign, ["-V", "-p", work.path("cert-eu.pub"), "-m", work.path("message.txt")])
        #expect(verified.status == 0, "\(verified.stderrText)")
        #expect(verified.stdoutText.contains("Trusted comment: from cert-eu"))
        let inline = try ProcessRunner.run(minisign, ["-V", "-P", key, "-m", work.path("message.txt")])
        #expect(inline.status == 0, "\(inline.stderrText)")

        try work.directory.write("message.txt", "changed\n")
        let changed = try ProcessRunner.run(minisign, ["-V", "-P", key, "-m", work.path("message.txt")])
        #expect(changed.status != 0)
    }

    /// The documented manual procedure: the `# minisign secret key:` line of a plain
    /// identity, under an untrusted comment, is a key file `minisign -S` signs with.
    @Test(.enabled(if: minisign != nil, "needs minisign"))
    func minisignSignsWithTheKeyTakenFromAPlainIdentity() throws {
        let work = try TeamKeyWorkspace("team-interop")
        try work.keygen("cert-eu")
        let line = try #require(
            try work.text("cert-eu.key").split(separator: "\n").first { $0.hasPrefix("# minisign secret key: ") })
        try work.directory.write(
            "cert-eu.minisign.key", "untrusted comment: from a team identity\n\(line.dropFirst(23))\n")
        try AgeCLI.setMode(0o600, work.directory.path("cert-eu.minisign.key"))
        let signed = try ProcessRunner.run(
            try #require(Self.minisign),
            ["-S", "-s", work.path("cert-eu.minisign.key"), "-t", "by minisign", "-m", work.path("message.txt")])
        try #require(signed.status == 0, "\(signed.stderrText)")
        let verified = try work.commsmap(["verify", "-p", work.path("cert-eu.card.yaml"), work.path("message.txt")])
        #expect(verified.status == 0, "\(verified.stderrText)")
        #expect(verified.stdoutText.hasSuffix("Trusted comment: by minisign\n"))
    }
}

import CommsMapTestSupport
import Foundation
import Testing

/// Byte compatibility with the real `age`: what commsmap encrypts, `age -d` decrypts, and
/// what `age -e` encrypts, commsmap decrypts; binary and armored, one and twenty recipients
/// (the twenty from a recipients file with comments), at sizes around the chunk boundaries.
@Suite(.enabled(if: AgeCLI.haveAge, "needs age and age-keygen"))
struct AgeInteropTests {
    static let sizes = [0, 1, 65535, 65536, 65537, 131_072, 10 * 1024 * 1024 + 7]

    /// Twenty key pairs and a recipients file listing them between comments and blank lines.
    struct Team {
        var directory: TemporaryDirectory
        var keys: [AgeCLI.Key]
        var recipientsFile: URL
    }

    static func team() throws -> Team {
        let directory = try TemporaryDirectory(prefix: "age-interop")
        var keys: [AgeCLI.Key] = []
        var lines = ["# exercise recipients, one per team", ""]
        for index in 0..<20 {
            let key = try AgeCLI.keygen(in: directory, name: "key\(index).txt")
            keys.append(key)
            lines += ["# team \(index)", key.recipient]
            if index % 5 == 4 { lines.append("") }
        }
        let file = try directory.write("recipients.txt", lines.joined(separator: "\n") + "\n")
        return Team(directory: directory, keys: keys, recipientsFile: file)
    }

    @Test(arguments: sizes, [false, true])
    func bothDirections(size: Int, armored: Bool) throws {
        let team = try Self.team()
        let plaintext = AgeCLI.pattern(size, seed: UInt32(size))
        let input = try team.directory.write("plain.bin", plaintext)
        let armor = armored ? ["-a"] : []
        for recipientCount in [1, 20] {
            let recipientArguments =
                recipientCount == 1 ? ["-r", team.keys[0].recipient] : ["-R", team.recipientsFile.path]
            // The last key of the file decrypts, so a match deep in the header is exercised.
            let identity = team.keys[recipientCount - 1].identityFile.path
            let label = "size \(size), armored \(armored), \(recipientCount) recipients"

            // commsmap → age
            let ours = team.directory.path("ours.age").path
            let encrypted = try AgeCLI.commsmap(["encrypt"] + recipientArguments + armor + ["-o", ours, input.path])
            try #require(encrypted.status == 0, "\(label): \(encrypted.stderrText)")
            let byAge = try AgeCLI.runAge(["-d", "-i", identity, ours])
            #expect(byAge.status == 0, "\(label): age -d: \(byAge.stderrText)")
            #expect(byAge.stdout == plaintext, "\(label): age -d output differs")
            let written = try Data(contentsOf: URL(fileURLWithPath: ours))
            #expect(written.starts(with: Data((armored ? "-----BEGIN AGE" : "age-encryption.org/v1").utf8)))

            // age → commsmap
            let theirs = team.directory.path("theirs.age").path
            let ageEncrypted = try AgeCLI.runAge(["-e"] + recipientArguments + armor + ["-o", theirs, input.path])
            try #require(ageEncrypted.status == 0, "\(label): age -e: \(ageEncrypted.stderrText)")
            let out = team.directory.path("out.bin").path
            let decrypted = try AgeCLI.commsmap(["decrypt", "-i", identity, "-o", out, theirs])
            #expect(decrypted.status == 0, "\(label): \(decrypted.stderrText)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == plaintext, "\(label): commsmap output differs")
        }
    }

    /// Several `-i` files: the identity that matches need not be the first.
    @Test func severalIdentityFiles() throws {
        let team = try Self.team()
        let ageEncrypted = try AgeCLI.runAge(["-e", "-r", team.keys[7].recipient], stdin: Data("seven".utf8))
        let file = try team.directory.write("m.age", ageEncrypted.stdout)
        let result = try AgeCLI.commsmap([
            "decrypt", "-i", team.keys[0].identityFile.path, "-i", team.keys[7].identityFile.path, file.path,
        ])
        #expect(result.status == 0)
        #expect(result.stdoutText == "seven")
    }

    /// commsmap → age with a passphrase. `age -d` reads passphrases only from a terminal,
    /// so it runs on a pseudo-terminal.
    @Test(.enabled(if: AgeCLI.python != nil, "needs python3 for a pseudo-terminal"))
    func passphraseFromUsToAge() throws {
        let directory = try TemporaryDirectory(prefix: "age-scrypt")
        let plaintext = AgeCLI.pattern(70_000)
        let input = try directory.write("plain.bin", plaintext)
        let passphrase = try directory.write("pass.txt", "tr0ub4dor&3\n")
        let encrypted = directory.path("p.age").path
        let made = try AgeCLI.commsmap([
            "encrypt", "-p", "--passphrase-file", passphrase.path, "-o", encrypted, input.path,
        ])
        try #require(made.status == 0, "\(made.stderrText)")
        let out = directory.path("out.bin").path
        let result = try AgeCLI.withTerminal(
            passphrase: "tr0ub4dor&3", [try #require(AgeCLI.age).path, "-d", "-o", out, encrypted])
        #expect(result.status == 0, "\(result.stdoutText)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == plaintext)
    }

    /// age → commsmap with a passphrase (`age -p` on a pseudo-terminal), read by commsmap
    /// both from --passphrase-file and from its own terminal prompt.
    @Test(.enabled(if: AgeCLI.python != nil, "needs python3 for a pseudo-terminal"))
    func passphraseFromAgeToUs() throws {
        let directory = try TemporaryDirectory(prefix: "age-scrypt")
        let plaintext = AgeCLI.pattern(70_000, seed: 3)
        let input = try directory.write("plain.bin", plaintext)
        let encrypted = directory.path("p.age").path
        let made = try AgeCLI.withTerminal(
            passphrase: "correct horse battery",
            [try #require(AgeCLI.age).path, "-p", "-a", "-o", encrypted, input.path])
        try #require(made.status == 0, "\(made.stdoutText)")
        let passphrase = try directory.write("pass.txt", "correct horse battery\n")
        let fromFile = try AgeCLI.commsmap(["decrypt", "--passphrase-file", passphrase.path, encrypted])
        #expect(fromFile.status == 0, "\(fromFile.stderrText)")
        #expect(fromFile.stdout == plaintext)

        let out = directory.path("out.bin").path
        let prompted = try AgeCLI.withTerminal(
            passphrase: "correct horse battery", [TestPaths.commsmapBinary.path, "decrypt", "-o", out, encrypted])
        #expect(prompted.status == 0, "\(prompted.stdoutText)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == plaintext)
    }

    /// `age -p` on an identity file makes an encrypted identity file; commsmap opens it.
    @Test(.enabled(if: AgeCLI.python != nil, "needs python3 for a pseudo-terminal"))
    func identityFileEncryptedByAge() throws {
        let team = try Self.team()
        let wrapped = team.directory.path("key0.txt.age").path
        let made = try AgeCLI.withTerminal(
            passphrase: "s3same", [try #require(AgeCLI.age).path, "-p", "-o", wrapped, team.keys[0].identityFile.path])
        try #require(made.status == 0, "\(made.stdoutText)")
        try AgeCLI.setMode(0o600, URL(fileURLWithPath: wrapped))
        let message = try AgeCLI.runAge(["-e", "-r", team.keys[0].recipient], stdin: Data("for team 0".utf8))
        let file = try team.directory.write("m.age", message.stdout)
        let passphrase = try team.directory.write("pass.txt", "s3same\n")
        let result = try AgeCLI.commsmap(["decrypt", "-i", wrapped, "--passphrase-file", passphrase.path, file.path])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText == "for team 0")
    }
}

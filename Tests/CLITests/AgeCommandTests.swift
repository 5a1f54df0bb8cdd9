import CommsMapTestSupport
import Foundation
import Testing

/// `commsmap encrypt` and `decrypt` end to end: exit codes, messages, and no output file
/// left behind on any failure.
@Suite(.enabled(if: AgeCLI.haveAge, "needs age and age-keygen"))
struct AgeCommandTests {
    /// A directory with a key pair, a 3-chunk plaintext (two full chunks and 1000 bytes)
    /// and its encryption.
    struct Setup {
        var directory: TemporaryDirectory
        var key: AgeCLI.Key
        var plaintext: Data
        var encrypted: URL

        func path(_ name: String) -> String { directory.path(name).path }
    }

    static func setup() throws -> Setup {
        let directory = try TemporaryDirectory(prefix: "age-cli")
        let key = try AgeCLI.keygen(in: directory, name: "key.txt")
        let plaintext = AgeCLI.pattern(2 * 65536 + 1000)
        try directory.write("plain.bin", plaintext)
        let result = try AgeCLI.commsmap([
            "encrypt", "-r", key.recipient, "-o", directory.path("plain.bin.age").path,
            directory.path("plain.bin").path,
        ])
        try #require(result.status == 0, "\(result.stderrText)")
        return Setup(directory: directory, key: key, plaintext: plaintext, encrypted: directory.path("plain.bin.age"))
    }

    /// Where the header ends (after the MAC line) in an encrypted file.
    static func headerLength(_ file: Data) throws -> Int {
        let bytes = [UInt8](file)
        let marker = Array("\n--- ".utf8)
        let start = try #require(
            (0..<(bytes.count - marker.count)).first { bytes[$0..<($0 + marker.count)].elementsEqual(marker) })
        return start + marker.count + 43 + 1
    }

    @Test func roundTripThroughFilesAndStreams() throws {
        let setup = try Self.setup()
        let out = setup.path("out.bin")
        let toFile = try AgeCLI.commsmap([
            "decrypt", "-i", setup.key.identityFile.path, "-o", out, setup.encrypted.path,
        ])
        #expect(toFile.status == 0)
        #expect(toFile.stdout.isEmpty && toFile.stderr.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == setup.plaintext)
        let attributes = try FileManager.default.attributesOfItem(atPath: out)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        // stdin to stdout, both ways, with "-".
        let encrypted = try AgeCLI.commsmap(["encrypt", "-r", setup.key.recipient, "-a", "-"], stdin: setup.plaintext)
        #expect(encrypted.status == 0)
        #expect(encrypted.stdoutText.hasPrefix("-----BEGIN AGE ENCRYPTED FILE-----\n"))
        let decrypted = try AgeCLI.commsmap(["decrypt", "-i", setup.key.identityFile.path], stdin: encrypted.stdout)
        #expect(decrypted.status == 0)
        #expect(decrypted.stdout == setup.plaintext)
    }

    /// A flipped bit in each region: rejected with exit 1, a message naming the check,
    /// and no output file (nor temporary file) left.
    @Test(arguments: [
        ("version line", 3, "bad header"),
        ("MAC", -1, "header MAC"),
        ("nonce", -2, "payload authentication failed at chunk 0"),
        ("chunk 0", -3, "payload authentication failed at chunk 0"),
        ("chunk 1", -4, "payload authentication failed at chunk 1"),
        ("last tag", -5, "payload authentication failed at chunk 2"),
    ])
    func flippedBitIsRejected(_ region: String, _ selector: Int, _ message: String) throws {
        let setup = try Self.setup()
        var bytes = [UInt8](try Data(contentsOf: setup.encrypted))
        let header = try Self.headerLength(Data(bytes))
        switch selector {
        case -1:
            // The first MAC character carries no padding bits: changing it keeps the line canonical.
            let offset = header - 44
            bytes[offset] = bytes[offset] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        case -2: bytes[header + 3] ^= 0x01
        case -3: bytes[header + 16 + 100] ^= 0x01
        case -4: bytes[header + 16 + 65552 + 100] ^= 0x01
        case -5: bytes[bytes.count - 1] ^= 0x01
        default: bytes[selector] ^= 0x01
        }
        let damaged = try setup.directory.write("damaged.age", Data(bytes))
        let before = try AgeCLI.listing(setup.directory)
        let out = setup.path("out.bin")
        let result = try AgeCLI.commsmap(["decrypt", "-i", setup.key.identityFile.path, "-o", out, damaged.path])
        #expect(result.status == 1, "\(region)")
        #expect(
            result.stderrText.contains("commsmap: error: decryption failed: \(message)"),
            "\(region): \(result.stderrText)")
        #expect(try AgeCLI.listing(setup.directory) == before, "\(region) left a file behind")
        #expect(result.stdout.isEmpty)
    }

    @Test func truncationTrailingDataAndWrongIdentity() throws {
        let setup = try Self.setup()
        let file = try Data(contentsOf: setup.encrypted)
        let header = try Self.headerLength(file)
        let other = try AgeCLI.keygen(in: setup.directory, name: "other.txt")
        let exactChunks = setup.path("exact.bin")
        try AgeCLI.pattern(65536).write(to: URL(fileURLWithPath: exactChunks))
        let exact = try AgeCLI.commsmap(["encrypt", "-r", setup.key.recipient, exactChunks])
        let cases: [(String, Data, String, String)] = [
            ("truncated", file.prefix(header + 16 + 65552), setup.key.identityFile.path, "the file is truncated"),
            ("trailing", exact.stdout + Data([0]), setup.key.identityFile.path, "trailing data"),
            ("wrong identity", file, other.identityFile.path, "no identity matched"),
        ]
        for (name, bytes, identity, message) in cases {
            let input = try setup.directory.write("\(name).age", bytes)
            let before = try AgeCLI.listing(setup.directory)
            let result = try AgeCLI.commsmap(["decrypt", "-i", identity, "-o", setup.path("out.bin"), input.path])
            #expect(result.status == 1, "\(name)")
            #expect(result.stderrText.contains(message), "\(name): \(result.stderrText)")
            #expect(try AgeCLI.listing(setup.directory) == before, "\(name) left a file behind")
        }
    }

    @Test func anExistingOutputFileIsLeftUntouchedOnFailure() throws {
        let setup = try Self.setup()
        let out = try setup.directory.write("out.bin", "keep me")
        var bytes = [UInt8](try Data(contentsOf: setup.encrypted))
        bytes[bytes.count - 1] ^= 0x01
        let damaged = try setup.directory.write("damaged.age", Data(bytes))
        let result = try AgeCLI.commsmap(["decrypt", "-i", setup.key.identityFile.path, "-o", out.path, damaged.path])
        #expect(result.status == 1)
        #expect(try String(contentsOf: out, encoding: .utf8) == "keep me")
    }

    /// To stdout, authenticated chunks are released as age does; a warning says how much.
    @Test func failureAfterReleasingToStdoutWarns() throws {
        let setup = try Self.setup()
        var bytes = [UInt8](try Data(contentsOf: setup.encrypted))
        bytes[bytes.count - 1] ^= 0x01
        let result = try AgeCLI.commsmap(["decrypt", "-i", setup.key.identityFile.path], stdin: Data(bytes))
        #expect(result.status == 1)
        #expect(result.stdout == setup.plaintext.prefix(2 * 65536))
        #expect(result.stderrText.contains("warning: 131072 bytes of authenticated plaintext were already written"))
    }

    @Test func twoScryptStanzasAreAHeaderFailure() throws {
        let setup = try Self.setup()
        let passphraseFile = try setup.directory.write("pass.txt", "hunter2\n")
        let encrypted = try AgeCLI.commsmap([
            "encrypt", "-p", "--passphrase-file", passphraseFile.path, setup.path("plain.bin"),
        ])
        #expect(encrypted.status == 0)
        var lines = encrypted.stdout.split(
            separator: UInt8(ascii: "\n"), maxSplits: 3, omittingEmptySubsequences: false)
        // Version line, stanza line, body line, rest: repeat the stanza.
        lines.insert(contentsOf: [lines[1], lines[2]], at: 3)
        let doubled = try setup.directory.write("double.age", Data(lines.joined(separator: [UInt8(ascii: "\n")])))
        let result = try AgeCLI.commsmap([
            "decrypt", "--passphrase-file", passphraseFile.path, "-o", setup.path("o"), doubled.path,
        ])
        #expect(result.status == 1)
        #expect(result.stderrText.contains("must be the only stanza"))
        #expect(!FileManager.default.fileExists(atPath: setup.path("o")))
    }

    @Test func passphrases() throws {
        let setup = try Self.setup()
        let right = try setup.directory.write("right.txt", "correct horse\n")
        let wrong = try setup.directory.write("wrong.txt", "battery staple\n")
        let encrypted = try AgeCLI.commsmap([
            "encrypt", "-p", "--passphrase-file", right.path, "-a", setup.path("plain.bin"),
        ])
        #expect(encrypted.status == 0)
        let file = try setup.directory.write("p.age", encrypted.stdout)
        let good = try AgeCLI.commsmap(["decrypt", "--passphrase-file", right.path, file.path])
        #expect(good.status == 0)
        #expect(good.stdout == setup.plaintext)
        let bad = try AgeCLI.commsmap(["decrypt", "--passphrase-file", wrong.path, "-o", setup.path("o"), file.path])
        #expect(bad.status == 2)
        #expect(bad.stderrText.contains("no identity matched: the passphrase is wrong"))
        #expect(bad.stderrText.contains("hint: check the passphrase"))
        #expect(!FileManager.default.fileExists(atPath: setup.path("o")))
        // A passphrase file is not an identity: -i with a passphrase-encrypted file is a usage error.
        let withIdentity = try AgeCLI.commsmap(["decrypt", "-i", setup.key.identityFile.path, file.path])
        #expect(withIdentity.status == 64)
        #expect(withIdentity.stderrText.contains("passphrase-encrypted"))
    }

    @Test func passphraseEncryptedIdentityFiles() throws {
        let setup = try Self.setup()
        let passphrase = try setup.directory.write("pass.txt", "open sesame\n")
        let wrong = try setup.directory.write("wrong.txt", "close sesame\n")
        let wrapped = setup.path("key.txt.age")
        let made = try AgeCLI.commsmap([
            "encrypt", "-p", "--passphrase-file", passphrase.path, "-o", wrapped, setup.key.identityFile.path,
        ])
        #expect(made.status == 0)
        try AgeCLI.setMode(0o600, URL(fileURLWithPath: wrapped))
        let good = try AgeCLI.commsmap([
            "decrypt", "-i", wrapped, "--passphrase-file", passphrase.path, setup.encrypted.path,
        ])
        #expect(good.status == 0, "\(good.stderrText)")
        #expect(good.stdout == setup.plaintext)
        let bad = try AgeCLI.commsmap(["decrypt", "-i", wrapped, "--passphrase-file", wrong.path, setup.encrypted.path])
        #expect(bad.status == 2)
        #expect(bad.stderrText.contains("wrong passphrase for the encrypted identity file"))
    }

    @Test func keyFileProblemsAreExit2() throws {
        let setup = try Self.setup()
        let open = try setup.directory.write("open.txt", try Data(contentsOf: setup.key.identityFile))
        try AgeCLI.setMode(0o644, open)
        let tooOpen = try AgeCLI.commsmap(["decrypt", "-i", open.path, setup.encrypted.path])
        #expect(tooOpen.status == 2)
        #expect(tooOpen.stderrText.contains("readable by group or others"))
        #expect(tooOpen.stderrText.contains("hint: chmod 600"))

        let malformed = try setup.directory.write("bad.txt", "# a comment\nAGE-SECRET-KEY-1NOTAKEY\n")
        try AgeCLI.setMode(0o600, malformed)
        let bad = try AgeCLI.commsmap(["decrypt", "-i", malformed.path, setup.encrypted.path])
        #expect(bad.status == 2)
        #expect(bad.stderrText.contains("bad.txt:2: "))

        let missing = try AgeCLI.commsmap(["decrypt", "-i", setup.path("nope.txt"), setup.encrypted.path])
        #expect(missing.status == 2)
        let missingInput = try AgeCLI.commsmap(["decrypt", "-i", setup.key.identityFile.path, setup.path("nope.age")])
        #expect(missingInput.status == 2)
        #expect(missingInput.stderrText.contains("cannot read"))

        let ssh = try AgeCLI.commsmap([
            "encrypt", "-r", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHsKLqeplhpW+uObz5dvMgjz1OxfM/XXUB+VHtZ6isGN",
            setup.path("plain.bin"),
        ])
        #expect(ssh.status == 2)
        #expect(ssh.stderrText.contains("unsupported key type ssh"))

        let recipients = try setup.directory.write("recipients.txt", "# team\n\(setup.key.recipient)\nage1garbage\n")
        let badRecipients = try AgeCLI.commsmap(["encrypt", "-R", recipients.path, setup.path("plain.bin")])
        #expect(badRecipients.status == 2)
        #expect(badRecipients.stderrText.contains("recipients.txt:3: "))
    }

    @Test(arguments: [
        ["encrypt", "-p", "-r", "age1x"],
        ["encrypt"],
        ["encrypt", "-r", "age1x", "--passphrase-file", "p"],
        ["encrypt", "-R", "-", "-"],
        ["decrypt", "-i", "-"],
    ])
    func usageErrors(_ arguments: [String]) throws {
        let result = try AgeCLI.commsmap(arguments)
        #expect(result.status == 64, "\(arguments)")
        #expect(result.stdout.isEmpty)
    }

    @Test func decryptingAKeyFileWithoutIdentitiesIsAUsageError() throws {
        let setup = try Self.setup()
        let result = try AgeCLI.commsmap(["decrypt", setup.encrypted.path])
        #expect(result.status == 64)
        #expect(result.stderrText.contains("give the matching identity file with -i"))
    }

    @Test func notAnAgeFileAndBrokenArmor() throws {
        let setup = try Self.setup()
        let text = try setup.directory.write("text.txt", "hello\n")
        let notAge = try AgeCLI.commsmap(["decrypt", "-i", setup.key.identityFile.path, text.path])
        #expect(notAge.status == 1)
        #expect(notAge.stderrText.contains("not an age file"))
        let armored = try AgeCLI.commsmap(["encrypt", "-a", "-r", setup.key.recipient], stdin: Data("hi".utf8))
        let broken = try setup.directory.write(
            "broken.age", Data(armored.stdoutText.replacingOccurrences(of: "-----END", with: "-----FIN").utf8))
        let result = try AgeCLI.commsmap([
            "decrypt", "-i", setup.key.identityFile.path, "-o", setup.path("o"), broken.path,
        ])
        #expect(result.status == 1)
        #expect(result.stderrText.contains("bad ASCII armor"))
        #expect(!FileManager.default.fileExists(atPath: setup.path("o")))
    }
}
